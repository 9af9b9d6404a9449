#!/usr/bin/env python3
"""Runs test_api.py and prints one `PASS`/`FAIL` line per test, like the other binding checks."""
import sys
import unittest


def details(result, test, err):
    """The last lines of the failure, indented under the FAIL line."""
    text = result._exc_info_to_string(err, test).rstrip().splitlines()
    for line in text[-6:]:
        print(f"    {line}", flush=True)


class LineResult(unittest.TextTestResult):
    def addSuccess(self, test):
        super().addSuccess(test)
        print(f"PASS python: {test.id()}", flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print(f"FAIL python: {test.id()}", flush=True)
        details(self, test, err)

    def addError(self, test, err):
        super().addError(test, err)
        print(f"FAIL python: {test.id()}", flush=True)
        details(self, test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        print(f"FAIL python: {test.id()} (skipped: {reason})", flush=True)


suite = unittest.defaultTestLoader.loadTestsFromName("test_api")
result = unittest.TextTestRunner(resultclass=LineResult, verbosity=0, stream=sys.stderr).run(suite)
sys.exit(0 if result.wasSuccessful() and not result.skipped else 1)
