# SPDX-License-Identifier: GPL-3.0-or-later
# Native libraries from Debian 12, as imported targets.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
# PROJ links Debian's libsqlite3; see broadview_link_sqlcipher_first below.
pkg_check_modules(PROJ REQUIRED IMPORTED_TARGET proj)
find_package(spdlog 1.10 REQUIRED)
# libcrypto: SQLCipher's cipher provider, and the demo's throwaway loopback certificates.
find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto)

# Plain SQLite 3.40 is only for the benchmark's baseline build (a second build of the store
# layer, since both libraries export the same symbols and cannot share a process).
pkg_check_modules(SQLITE3 IMPORTED_TARGET sqlite3)

# SQLCipher's header declares sqlite3_key() only with SQLITE_HAS_CODEC.
add_library(broadview_sqlcipher INTERFACE)
target_compile_definitions(broadview_sqlcipher INTERFACE SQLITE_HAS_CODEC BROADVIEW_SQLCIPHER=1)
target_link_libraries(broadview_sqlcipher INTERFACE PkgConfig::SQLCIPHER)
add_library(Broadview::SQLCipher ALIAS broadview_sqlcipher)

# Every executable links SQLCipher first, so that its sqlite3_* symbols win over the copy
# in libsqlite3 that PROJ (and Qt's sql plugin) would bring in. The start-up check
# (store/sqlitelibrary.h) proves it at run time.
function(broadview_link_sqlcipher_first target)
    target_link_options(${target} PRIVATE "LINKER:--push-state,--no-as-needed"
                        "-lsqlcipher" "LINKER:--pop-state")
endfunction()
