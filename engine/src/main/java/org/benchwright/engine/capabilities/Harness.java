package org.benchwright.engine.capabilities;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The files a capability runs as in its sandbox: its code as {@code capability.py}, its pytest
 * tests as {@code test_capability.py}, and a small driver that calls the function with JSON
 * arguments and writes a JSON result. Generated here, so what runs is the same in a run, from the
 * CLI and from the desktop.
 */
final class Harness {

  static final String CODE = "capability.py";
  static final String TESTS = "test_capability.py";
  static final String DRIVER = "bw_call.py";
  static final String ARGS = "bw_args.json";
  static final String RESULT = "bw_result.json";
  static final String REPORT = "bw_report.xml";

  /**
   * No bytecode files, no pytest cache: the workspace holds only what we gave it and the report.
   */
  static final String PYTEST =
      "cd /workspace && PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q -p no:cacheprovider"
          + " --junitxml="
          + REPORT
          + " "
          + TESTS;

  static final String CALL = "cd /workspace && PYTHONDONTWRITEBYTECODE=1 python3 " + DRIVER;

  private static final String DRIVER_SOURCE =
      """
      # Calls the capability with the JSON arguments and writes the JSON result (Benchwright).
      import json, sys, traceback
      def main(name):
          with open("bw_args.json", encoding="utf-8") as f:
              args = json.load(f)
          try:
              import capability
              fn = getattr(capability, name)
              value = fn(**args)
              out = {"ok": True, "value": value}
              text = json.dumps(out, allow_nan=False)
          except Exception as e:
              text = json.dumps({"ok": False, "error": type(e).__name__ + ": " + str(e)[:2000],
                                 "traceback": traceback.format_exc()[-4000:]})
          with open("bw_result.json", "w", encoding="utf-8") as f:
              f.write(text)
      main(sys.argv[1] if len(sys.argv) > 1 else "%s")
      """;

  private Harness() {}

  /**
   * An implementation that does nothing: every test must fail against it before the real code is
   * accepted, which is what shows the tests test the function.
   */
  static String emptyImplementation(CapabilitySpec spec) {
    return "# The empty implementation the tests must fail against (Benchwright).\n"
        + "def "
        + spec.name()
        + "(*args, **kwargs):\n    raise NotImplementedError(\"empty implementation\")\n";
  }

  static Map<String, byte[]> testFiles(String code, String tests) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(CODE, code.getBytes(StandardCharsets.UTF_8));
    files.put(TESTS, tests.getBytes(StandardCharsets.UTF_8));
    return files;
  }

  static Map<String, byte[]> callFiles(CapabilitySpec spec, String code, String argumentsJson) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(CODE, code.getBytes(StandardCharsets.UTF_8));
    files.put(DRIVER, DRIVER_SOURCE.formatted(spec.name()).getBytes(StandardCharsets.UTF_8));
    files.put(ARGS, argumentsJson.getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /** The counts of a JUnit XML report as pytest writes it. */
  record Counts(int total, int failed, int skipped) {}

  /**
   * Reads pytest's JUnit XML report. DTDs and external entities are refused: the report is written
   * by code we did not write.
   *
   * @return null when the report cannot be read
   */
  static Counts counts(byte[] xml) {
    if (xml == null) {
      return null;
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      NodeList suites =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml))
              .getElementsByTagName("testsuite");
      int total = 0;
      int failed = 0;
      int skipped = 0;
      for (int i = 0; i < suites.getLength(); i++) {
        Element s = (Element) suites.item(i);
        total += number(s, "tests");
        failed += number(s, "failures") + number(s, "errors");
        skipped += number(s, "skipped");
      }
      return new Counts(total, failed, skipped);
    } catch (Exception e) {
      return null;
    }
  }

  private static int number(Element e, String attribute) {
    String v = e.getAttribute(attribute);
    return v.isEmpty() ? 0 : Integer.parseInt(v.strip());
  }
}
