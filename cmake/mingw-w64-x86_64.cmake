# Cross-compiling for 64-bit Windows with Debian's MinGW-w64 (the POSIX thread model, which
# std::thread and std::mutex need). The libraries come from CERTDIAG_WINDOWS_PREFIX, built there
# by scripts/build-windows.sh.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_AR x86_64-w64-mingw32-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB x86_64-w64-mingw32-gcc-ranlib-posix CACHE FILEPATH "")

if(DEFINED ENV{CERTDIAG_WINDOWS_PREFIX})
  set(CERTDIAG_WINDOWS_PREFIX $ENV{CERTDIAG_WINDOWS_PREFIX})
endif()
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${CERTDIAG_WINDOWS_PREFIX})
set(CMAKE_PREFIX_PATH ${CERTDIAG_WINDOWS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config looks only in the prefix, never at the build machine's libraries.
if(CERTDIAG_WINDOWS_PREFIX)
  set(ENV{PKG_CONFIG_LIBDIR} ${CERTDIAG_WINDOWS_PREFIX}/lib/pkgconfig:${CERTDIAG_WINDOWS_PREFIX}/share/pkgconfig)
  set(ENV{PKG_CONFIG_PATH} "")
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
endif()

# One self-contained certdiag.exe: the C++ runtime, libgcc and winpthread linked in.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
# The static libraries only: no DLL import library is picked by mistake.
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
