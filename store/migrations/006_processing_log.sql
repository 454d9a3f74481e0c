-- 006: the processing log after Logius' Logboek Dataverwerkingen, chained.
--
-- parent_span_id: the caller's span when a request carried a W3C
--   traceparent header (LDV parent_span_id), else NULL.
-- ldv_status: the record's LDV status, 'Unset', 'Ok' or 'Error'; the
--   `status` column keeps the program's own outcome word ("ok", "refused").
-- segment, seq, hash: the hash chain (docs/processing-log.md). Every
--   connection that writes the log opens its own segment (numbered 1, 2, ...
--   in the order they first wrote) and numbers its entries 1, 2, ...; hash
--   is BLAKE2b-256 over the entry's fields, its segment and seq and the
--   hash of the entry before it in the segment. Rows written before this
--   migration have no segment: they stay outside the chain.
ALTER TABLE processing_log ADD COLUMN parent_span_id TEXT;
ALTER TABLE processing_log ADD COLUMN ldv_status TEXT;
ALTER TABLE processing_log ADD COLUMN segment INTEGER;
ALTER TABLE processing_log ADD COLUMN seq INTEGER;
ALTER TABLE processing_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX processing_log_chain ON processing_log(segment, seq);

-- Append-only, also against INSERT OR REPLACE / REPLACE: SQLite's REPLACE
-- deletes the row in the way without firing delete triggers, so refuse an
-- insert whose id or chain position is taken before it gets that far. New
-- entries must carry their place in the chain.
CREATE TRIGGER processing_log_no_replace BEFORE INSERT ON processing_log
WHEN EXISTS (SELECT 1 FROM processing_log WHERE id = NEW.id)
  OR EXISTS (SELECT 1 FROM processing_log WHERE segment = NEW.segment AND seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'processing_log is append-only'); END;
CREATE TRIGGER processing_log_chained BEFORE INSERT ON processing_log
WHEN NEW.segment IS NULL OR NEW.seq IS NULL OR NEW.hash IS NULL OR NEW.ldv_status IS NULL
BEGIN SELECT RAISE(ABORT, 'processing_log entries must be chained'); END;
