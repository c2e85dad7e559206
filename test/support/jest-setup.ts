// Unit tests assert one error at the construct that raised it: constructors throw at their first problem
// (`OPSKIT_FAIL_FAST=1`, docs/errors-and-scope.md). Tests of the default mode, where every problem is reported
// together at synth, pass `failFast: false` to their `OpsApp`. Run with OPSKIT_FAIL_FAST=0 to see every test in
// the default mode.
process.env.OPSKIT_FAIL_FAST ??= '1';
