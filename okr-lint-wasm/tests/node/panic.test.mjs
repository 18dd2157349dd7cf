// A panic in the Rust code becomes a JavaScript Error, never an
// `unreachable` trap. Its own file: node --test runs each file in a fresh
// process, and the module refuses further work after an internal error.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as okr from "okr-lint";

test("the panic hook turns a panic into an Error with the panic message", () => {
  assert.ok(okr.lint("## Objective: Cut churn\n").length >= 0);
  let caught;
  try {
    okr.__testPanic("boom from the test");
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `caught ${caught}`);
  assert.ok(!(caught instanceof WebAssembly.RuntimeError), "a trap, not an exception");
  assert.match(caught.message, /okr-lint internal error \(please report it\): boom from the test at .*lib\.rs:\d+/);
});

test("after an internal error every call throws a clear Error instead of trapping", () => {
  for (const call of [() => okr.lint("x"), () => okr.parse("x"), () => okr.rules(), () => okr.lintWorkspace([])]) {
    assert.throws(call, (e) => !(e instanceof WebAssembly.RuntimeError) && /stopped after an internal error/.test(e.message));
  }
});
