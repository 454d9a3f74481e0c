# embed_lang.cmake - turn web/lang/<code>.json (the week card's translation
# files) into a C table { code, json } so the PDF renderer of the week card
# speaks the same words as the web page. Run with -DDIR=<web/lang> -DOUT=<file.c>.
file(GLOB files ${DIR}/*.json)
list(SORT files)
set(body "/* generated from web/lang by app/embed_lang.cmake */\n#include \"app/weekcard.h\"\n\nconst struct weekcard_lang_file weekcard_lang_files[] = {\n")
foreach(f ${files})
  get_filename_component(code ${f} NAME_WE)
  file(READ ${f} text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n\"\n\"" text "${text}")
  string(APPEND body "\t{ \"${code}\",\n\"${text}\" },\n")
endforeach()
string(APPEND body "};\nconst int weekcard_lang_file_count = (int)(sizeof weekcard_lang_files / sizeof weekcard_lang_files[0]);\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
