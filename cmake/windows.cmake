# The Windows build (toolchain cmake/mingw-w64-x86_64.cmake, libraries from
# scripts/build-windows.sh): everything is linked statically, so the libraries' DLL import macros
# are off and the libraries libarchive itself needs are named.
find_package(ZLIB REQUIRED)
find_package(BZip2 REQUIRED)
find_package(LibLZMA REQUIRED)
target_compile_definitions(certdiag_core PUBLIC LIBARCHIVE_STATIC)
target_link_libraries(certdiag_core PUBLIC LibLZMA::LibLZMA BZip2::BZip2 ZLIB::ZLIB bcrypt)

# UTF-8 as the process code page and long paths, through the manifest; --input-tz reads the IANA
# database from `tzdata` beside the executable (io/platform.cpp), so the build tree gets one too.
# Both for certdiag.exe and for the tests (tests/CMakeLists.txt), which must run as it does.
enable_language(RC)
set(CERTDIAG_MANIFEST ${PROJECT_SOURCE_DIR}/cmake/windows/certdiag.manifest)
configure_file(${PROJECT_SOURCE_DIR}/cmake/windows/certdiag.rc.in
               ${CMAKE_CURRENT_BINARY_DIR}/certdiag.rc @ONLY)
set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/certdiag.rc PROPERTIES
                            OBJECT_DEPENDS ${CERTDIAG_MANIFEST})
set(CERTDIAG_TZDATA_DIR ${CERTDIAG_WINDOWS_PREFIX}/share/tzdata CACHE PATH
    "the IANA time-zone database as text, with windowsZones.xml")
function(certdiag_windows_executable target)
  target_sources(${target} PRIVATE ${PROJECT_BINARY_DIR}/certdiag.rc)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${CERTDIAG_TZDATA_DIR} $<TARGET_FILE_DIR:${target}>/tzdata)
endfunction()
certdiag_windows_executable(certdiag)
