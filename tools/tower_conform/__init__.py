"""The Tower conformance runner: runs any implementation's editions of the
scenarios in conformance/ and compares their output with the goldens."""
