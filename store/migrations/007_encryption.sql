-- 007: encryption at rest. BSN, health limits and health-category journal
-- notes hold sealed values ("v1:<key id>:<base64>", base/seal.h) under
-- keys kept outside the database (app/keyring.h); the BSN is looked up by
-- a keyed BLAKE2b hash. Values written before this migration are sealed on
-- the first start with a key (app/app.c), which also moves the processing
-- log's pseudonym key from the setting table into the key file.
ALTER TABLE participant ADD COLUMN bsn_hash TEXT;
CREATE INDEX participant_bsn_hash ON participant(bsn_hash) WHERE bsn_hash IS NOT NULL;
