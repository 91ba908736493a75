# Translations: GNU gettext catalogues compiled into the program.
#
#   simroi_embed_catalogs(TARGET FUNCTION PO_FILES...)
#
# compiles each PO file with msgfmt (--check: the header, the plural forms and
# that every translation keeps the placeholders' count are checked at build
# time) and adds to TARGET a generated source defining
#
#   std::vector<simroi::MoFile> simroi::detail::FUNCTION();
#
# which returns the .mo bytes of every PO file, each under its language (the
# file name: po/ru.po -> "ru"). The program reads them from memory through
# Boost.Locale (src/core/gettext_catalog.cpp), so translations never depend on
# the working folder, on an installed .mo file or on the locales the machine
# has generated. See docs/translations.md.
find_program(SIMROI_MSGFMT msgfmt REQUIRED)
set(SIMROI_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_catalogs.cmake")

function(simroi_embed_catalogs target function_name)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/catalogs/${function_name}")
  set(mo_files)
  set(languages)
  foreach(po IN LISTS ARGN)
    get_filename_component(lang "${po}" NAME_WE)
    set(mo "${out_dir}/${lang}.mo")
    add_custom_command(OUTPUT "${mo}"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${out_dir}"
      COMMAND ${SIMROI_MSGFMT} --check --output-file=${mo} ${po}
      DEPENDS "${po}"
      COMMENT "msgfmt ${po}"
      VERBATIM)
    list(APPEND mo_files "${mo}")
    list(APPEND languages "${lang}")
  endforeach()
  # Lists travel to the script joined with '|' (a ';' would split the argument).
  string(REPLACE ";" "|" mo_arg "${mo_files}")
  string(REPLACE ";" "|" lang_arg "${languages}")
  set(cpp "${out_dir}.cpp")
  add_custom_command(OUTPUT "${cpp}"
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${cpp}" "-DFUNCTION=${function_name}"
            "-DLANGUAGES=${lang_arg}" "-DMO_FILES=${mo_arg}" -P "${SIMROI_EMBED_SCRIPT}"
    DEPENDS ${mo_files} "${SIMROI_EMBED_SCRIPT}"
    COMMENT "Embedding catalogues into ${function_name}()"
    VERBATIM)
  target_sources(${target} PRIVATE "${cpp}")
endfunction()
