# The Debian package: `cpack -G DEB` in a build folder writes certdiag_<version>_<arch>.deb with
# what the install rules put under /usr, the licence as Debian's copyright file, and the
# dependencies that dpkg-shlibdeps finds in the binary.

set(CPACK_PACKAGE_CONTACT "The certdiag authors <certdiag@users.noreply.github.com>")

# /usr/share/doc/certdiag/copyright in Debian's machine-readable format, from LICENSE.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE license)
string(REGEX REPLACE "\n+$" "" license "${license}")
string(REGEX REPLACE "\n\n" "\n.\n" license "${license}")  # an empty line is " ." in the format
string(REGEX REPLACE "\n" "\n " license "${license}")
file(WRITE ${PROJECT_BINARY_DIR}/copyright
     "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
     "Upstream-Name: certdiag\n\n"
     "Files: *\nCopyright: 2026 The certdiag authors\nLicense: MIT\n ${license}\n")

# Debian's changelog of a native package (changelog.gz, gzip -9n): one entry for this version,
# pointing at CHANGELOG.md, which lists the changes.
string(TIMESTAMP date "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE ${PROJECT_BINARY_DIR}/changelog
     "certdiag (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
     "  * Release ${PROJECT_VERSION}; the changes are listed in CHANGELOG.md.\n\n"
     " -- ${CPACK_PACKAGE_CONTACT}  ${date}\n")
execute_process(COMMAND gzip -9nf ${PROJECT_BINARY_DIR}/changelog)
install(FILES ${PROJECT_BINARY_DIR}/copyright ${PROJECT_BINARY_DIR}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME certdiag)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "certdiag reads the logs of System Center (Configuration Manager, Operations
Manager, Service Manager), Windows event logs and IIS logs, and reports what
is broken with certificate-based communication, the evidence (file, line and
time) and the documented steps to fix it.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
