# segugio_embed_data(OUTPUT file.cc FILES a.txt b.tsv ...)
# Compiles data files kept in the repository (stopwords, gazetteer, topic
# vocabularies) into the library, so installed programs need no data path.
# The generated file defines segugio::data::file(name), name = the file's name.
function(segugio_embed_data)
  cmake_parse_arguments(ARG "" "OUTPUT" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${ARG_OUTPUT}" "-DFILES=${ARG_FILES}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_data.cmake"
    DEPENDS ${ARG_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_data.cmake"
    COMMENT "Embedding data files"
    VERBATIM)
endfunction()
