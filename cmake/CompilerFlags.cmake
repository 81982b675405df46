# SPDX-License-Identifier: GPL-3.0-or-later
add_library(broadview_flags INTERFACE)
target_compile_options(broadview_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
                       -Wformat=2 -Wimplicit-fallthrough)
target_compile_definitions(broadview_flags INTERFACE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
                           QT_NO_URL_CAST_FROM_STRING QT_NO_CAST_FROM_BYTEARRAY
                           QT_USE_QSTRINGBUILDER QT_NO_KEYWORDS
                           QT_DISABLE_DEPRECATED_BEFORE=0x060400)
if(BROADVIEW_WERROR)
    target_compile_options(broadview_flags INTERFACE -Werror)
endif()
if(BROADVIEW_SANITIZE)
    target_compile_options(broadview_flags INTERFACE -fsanitize=address,undefined
                           -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(broadview_flags INTERFACE -fsanitize=address,undefined)
endif()
if(BROADVIEW_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "BROADVIEW_FUZZ needs clang: -DCMAKE_CXX_COMPILER=clang++")
    endif()
    # Coverage for libFuzzer in all of Broadview's code, with ASan and UBSan; the fuzz targets
    # (tests/fuzz) add libFuzzer itself when they link.
    target_compile_options(broadview_flags INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                           -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(broadview_flags INTERFACE -fsanitize=address,undefined)
endif()
if(BROADVIEW_HARDENING)
    target_compile_options(broadview_flags INTERFACE -fstack-protector-strong
                           -fstack-clash-protection -fcf-protection -D_FORTIFY_SOURCE=3
                           -D_GLIBCXX_ASSERTIONS)
    target_link_options(broadview_flags INTERFACE -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack -pie)
    set(CMAKE_POSITION_INDEPENDENT_CODE ON PARENT_SCOPE)
endif()
