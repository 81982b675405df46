// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/testsupport.h"

#include <QApplication>

// BV_TEST_MAIN for widget tests: a QApplication (offscreen under ctest).
#define BV_GUI_TEST_MAIN(TestClass)                                                                \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        QApplication app(argc, argv);                                                              \
        bv::test::initialiseTestProcess();                                                         \
        TestClass test;                                                                            \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
