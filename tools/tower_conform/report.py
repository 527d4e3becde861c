"""Everything the runner prints or writes about results: the console lines,
the per-tier table, the summary line, JUnit XML, TAP, the markdown report."""

import re
import xml.etree.ElementTree as ET

from .compare import (PASS, UNSUPPORTED, XFAIL, XPASS, count, is_failure, tail)

# Lines of stderr a JUnit testcase keeps, as the terminal report shows them.
JUNIT_STDERR_LINES = 100


def _indent(text, prefix="    "):
    return "\n".join(prefix + line for line in text.splitlines())


def result_line(result, verbose=False, allow_xpass=False):
    """The console text for one finished scenario, or None to print nothing."""
    if result.verdict == PASS and not verbose and not result.warnings:
        return None
    line = f"{result.verdict:<11} {result.id}  ({result.duration:.2f}s)"
    if result.message:
        line += f"  {result.message}"
    for warning in result.warnings:
        line += f"  warning: {warning}"
    # Evidence for what needs attention; with -v for everything.
    if result.evidence and (verbose or is_failure(result, allow_xpass)):
        line += "\n" + _indent(result.evidence)
    if verbose and result.stderr and result.verdict != PASS and not result.stderr_in_evidence:
        line += "\n    stderr:\n" + _indent(tail(result.stderr, cut=result.stderr_cut), "      ")
    return line


COLUMNS = ("pass", "xfail", "fail", "skip", "total")


def _row(results, allow_xpass):
    return (sum(r.verdict == PASS or (allow_xpass and r.verdict == XPASS) for r in results),
            sum(r.verdict == XFAIL for r in results),
            sum(is_failure(r, allow_xpass) for r in results),
            sum(r.verdict == UNSUPPORTED for r in results),
            len(results))


def tier_table(results, allow_xpass=False):
    tiers = sorted({r.scenario.tier for r in results})
    lines = ["tier " + "".join(f"{c:>7}" for c in COLUMNS)]
    for tier in tiers:
        row = _row([r for r in results if r.scenario.tier == tier], allow_xpass)
        lines.append(f"t{tier:<4}" + "".join(f"{n:>7}" for n in row))
    lines.append("all  " + "".join(f"{n:>7}" for n in _row(results, allow_xpass)))
    return "\n".join(lines)


VERDICT_ORDER = ("PASS", "XFAIL", "FAIL", "TIMEOUT", "CRASH", "ERROR", "NOGOLDEN", "XPASS",
                 "FLAKY", "UNSUPPORTED")


def profile_table(results):
    """Verdicts counted per profile (spec, cpython): pass, and the others that occur."""
    verdicts = [v for v in VERDICT_ORDER
                if v == PASS or any(r.verdict == v for r in results)]
    widths = [max(7, len(v) + 2) for v in verdicts]
    lines = ["profile " + "".join(f"{v.lower():>{w}}" for v, w in zip(verdicts, widths))]
    for profile in sorted({r.scenario.profile for r in results}):
        chosen = [r for r in results if r.scenario.profile == profile]
        lines.append(f"{profile:<8}" + "".join(f"{sum(r.verdict == v for r in chosen):>{w}}"
                                              for v, w in zip(verdicts, widths)))
    return "\n".join(lines)


def summary_line(results, allow_xpass=False):
    passed, failed, skipped = count(results, allow_xpass)
    return f"{passed} passed, {failed} failed, {skipped} skipped"


# --- JUnit XML ---------------------------------------------------------------

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text):
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return _XML_INVALID.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def junit(results, impl_name, allow_xpass=False, version=None):
    """JUnit XML: one testsuite per tier, one testcase per scenario; XFAIL
    and UNSUPPORTED are skipped (as pytest does for xfail). The runtime's
    version, when known, is a property of every testsuite."""
    root = ET.Element("testsuites", name=f"tower-conformance.{impl_name}")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for tier in sorted({r.scenario.tier for r in results}):
        tier_results = [r for r in results if r.scenario.tier == tier]
        suite = ET.SubElement(root, "testsuite", name=f"{impl_name}.t{tier}")
        if version:
            properties = ET.SubElement(suite, "properties")
            ET.SubElement(properties, "property", name="version", value=_xml_text(version))
        counts = {"tests": len(tier_results), "failures": 0, "errors": 0, "skipped": 0}
        elapsed = 0.0
        for r in tier_results:
            elapsed += r.duration
            case = ET.SubElement(suite, "testcase", classname=f"{impl_name}.t{tier}",
                                 name=r.id, time=f"{r.duration:.3f}")
            if is_failure(r, allow_xpass):
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", type=r.verdict,
                                        message=_xml_text(f"{r.verdict}: {r.message}"))
                failure.text = _xml_text(r.evidence)
            elif r.verdict in (XFAIL, UNSUPPORTED):
                counts["skipped"] += 1
                label = "expected failure" if r.verdict == XFAIL else "unsupported"
                ET.SubElement(case, "skipped", message=_xml_text(f"{label}: {r.message}"))
            if r.stderr:
                ET.SubElement(case, "system-err").text = _xml_text(
                    tail(r.stderr, JUNIT_STDERR_LINES, r.stderr_cut))
        for key, value in counts.items():
            suite.set(key, str(value))
        suite.set("time", f"{elapsed:.3f}")
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


# --- TAP -------------------------------------------------------------------------

class Tap:
    """TAP version 13, streamed as results arrive, the plan at the end.
    XFAIL is "not ok # TODO"; an XPASS is a plain "not ok" so that it fails."""

    def __init__(self, write, allow_xpass=False):
        self.write = write
        self.allow_xpass = allow_xpass
        self.number = 0
        write("TAP version 13")

    def result(self, r):
        self.number += 1
        head = f"{self.number} - {r.id}"
        # A directive ends at the end of its line: a multi-line reason is joined.
        reason = " ".join(r.message.split())
        if r.verdict == UNSUPPORTED:
            self.write(f"ok {head} # SKIP {reason}")
        elif r.verdict == XFAIL:
            self.write(f"not ok {head} # TODO {reason}")
        elif not is_failure(r, self.allow_xpass):
            self.write(f"ok {head}")
        else:
            self.write(f"not ok {head}")
            self.write("  ---")
            self.write(f"  verdict: {r.verdict}")
            self.write("  message: |")
            self.write(_indent(r.message or "-", "    "))
            if r.evidence:
                self.write("  evidence: |")
                self.write(_indent(r.evidence, "    "))
            self.write("  ...")

    def finish(self, results, root_causes=None):
        self.write(f"1..{self.number}")
        for line in tier_table(results, self.allow_xpass).splitlines():
            self.write(f"# {line}")
        for line in profile_table(results).splitlines():
            self.write(f"# {line}")
        for line in (root_causes or "").splitlines():
            self.write(f"# {line}")
        self.write(f"# {summary_line(results, self.allow_xpass)}")


# --- markdown report -------------------------------------------------------------

def markdown(scenarios, runs, oracle):
    """The conformance report. runs: list of (label, results or None, note).
    Deterministic: no timestamps, sorted everywhere."""
    out = ["# Conformance report", "",
           "Generated by `tools/conform report`; do not edit by hand.", "",
           f"Oracle: {oracle}.", "",
           "Each cell is passed/total scenarios of the tier (expected failures"
           " count as not passed; `+n xfail` lists them, `n FAIL` anything unexpected).", ""]
    if any(label.startswith("cpython-") for label, _, _ in runs):
        out += ["Each `cpython-X.Y` column runs the Python editions under that CPython's own"
                " asyncio (the version matrix: how asyncio's behaviour changed across"
                " versions; `tools/conform report --help` says how the interpreters are"
                " found).", ""]
    labels = [label for label, _, _ in runs]
    out.append("| tier | scenarios | " + " | ".join(labels) + " |")
    out.append("|---|---:|" + "---:|" * len(labels))
    tiers = sorted({s.tier for s in scenarios})

    def cell(results, tier=None):
        if results is None:
            return "n/a"
        chosen = [r for r in results if tier is None or r.scenario.tier == tier]
        passed = sum(r.verdict == PASS for r in chosen)
        xfail = sum(r.verdict == XFAIL for r in chosen)
        failed = sum(is_failure(r) for r in chosen)
        skipped = sum(r.verdict == UNSUPPORTED for r in chosen)
        text = f"{passed}/{len(chosen) - skipped}"
        if xfail:
            text += f" +{xfail} xfail"
        if failed:
            text += f" **{failed} FAIL**"
        if skipped:
            text += f" ({skipped} unsupported)"
        return text

    for tier in tiers:
        n = sum(s.tier == tier for s in scenarios)
        out.append(f"| t{tier} | {n} | " + " | ".join(cell(res, tier) for _, res, _ in runs) + " |")
    out.append(f"| all | {len(scenarios)} | " + " | ".join(cell(res) for _, res, _ in runs) + " |")
    out.append("")
    for label, results, note in runs:
        if note:
            out += [f"- **{label}**: {note}"]
    if any(note for _, _, note in runs):
        out.append("")

    for label, results, _ in runs:
        if results is None:
            continue
        xfails = [r for r in results if r.verdict == XFAIL]
        failures = [r for r in results if is_failure(r)]
        # A missing declared requirement is worth a line; a missing edition is not.
        unsupported = [r for r in results
                       if r.verdict == UNSUPPORTED and r.message.startswith("requires ")]
        if not xfails and not failures and not unsupported:
            continue
        out += [f"## {label}", ""]
        for r in xfails:
            exp = r.expectation
            link = f" ([upstream]({exp.link}))" if exp.link else ""
            out.append(f"- `{r.id}` ({r.scenario.profile}, {r.raw}) — {r.scenario.title}."
                       f" {exp.reason}{link}")
        for r in failures:
            out.append(f"- `{r.id}` **{r.verdict}, not expected**: {r.message}")
        for r in unsupported:
            out.append(f"- `{r.id}` unsupported: {r.message}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


