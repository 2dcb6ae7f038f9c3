package org.benchwright.engine.mjcf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The first gate for a generated scene: well-formed XML, no DOCTYPE, and the structure of the MJCF
 * subset in {@code mjcf-benchmark.xsd}. MuJoCo (mjcf-check in the sandbox) remains the truth; this
 * check is fast, needs no container and names the line of a typo in plain words.
 */
public final class MjcfSchema {

  private static final int MAX_ISSUES = 50;
  private static final byte[] XSD = resource();
  private static final Schema SCHEMA = load();

  /** How a value of each XSD type should look, for messages. */
  private static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry("real", "a number"),
          Map.entry("int", "an integer"),
          Map.entry("ints", "integers separated by spaces"),
          Map.entry("reals", "numbers separated by spaces"),
          Map.entry("real2", "2 numbers"),
          Map.entry("real3", "3 numbers"),
          Map.entry("real4", "4 numbers"),
          Map.entry("real6", "6 numbers"),
          Map.entry("real1_3", "1 to 3 numbers"),
          Map.entry("real1_6", "1 to 6 numbers"),
          Map.entry("real3_5", "3 to 5 numbers"));

  private static final Pattern CODE = Pattern.compile("^cvc-[\\w.\\-]+: ");
  private static final Pattern BAD_VALUE =
      Pattern.compile(
          "cvc-attribute\\.3: The value '(.*)' of attribute '(.*)' on element '(.*)' is not valid"
              + " with respect to its type, '(.*)'\\.");
  private static final Pattern ENUMERATION = Pattern.compile("enumeration '\\[(.*)]'");
  private static final Pattern UNEXPECTED =
      Pattern.compile(
          "cvc-complex-type\\.2\\.4\\.[abd]: Invalid content was found starting with"
              + " element '(?:\\{[^}]*\\}:?)?([^']*)'\\.(?: One of '\\{(.*)\\}' is expected\\.)?.*");
  private static final Pattern UNKNOWN_ATTRIBUTE =
      Pattern.compile(
          "cvc-complex-type\\.3\\.2\\.2: Attribute '(.*)' is not allowed to appear in element '(.*)'\\.");
  private static final Pattern NO_DECLARATION =
      Pattern.compile("cvc-elt\\.1(?:\\.a)?: Cannot find the declaration of element '(.*)'\\.");

  /** Every attribute name the schema declares, to suggest the intended one after a typo. */
  private static final List<String> ATTRIBUTES = attributeNames();

  private MjcfSchema() {}

  /**
   * Checks a scene against the benchmark MJCF schema. Returns no issues when it passes; never
   * throws for bad input, and never resolves entities or fetches anything.
   */
  public static List<MjcfIssue> validate(byte[] xml) {
    Collector issues = new Collector();
    ElementStack filter = new ElementStack(SecureXml.reader(), issues);
    ValidatorHandler validator = SCHEMA.newValidatorHandler();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setProperty(SecureXml.LOCALE, Locale.ROOT);
    } catch (SAXException e) {
      throw new IllegalStateException("The JDK's schema validator lacks a required property", e);
    }
    validator.setErrorHandler(issues);
    filter.setContentHandler(validator);
    filter.setErrorHandler(issues);
    try {
      filter.parse(new InputSource(new ByteArrayInputStream(xml)));
    } catch (TooManyIssues stop) {
      issues.list.add(new MjcfIssue(0, 0, "More than " + MAX_ISSUES + " issues; stopped here."));
    } catch (SAXParseException e) {
      issues.addOnce(e, "Not well-formed XML: ");
    } catch (SAXException | IOException e) {
      issues.list.add(new MjcfIssue(0, 0, "Cannot read the scene: " + e.getMessage()));
    }
    issues.flush();
    return List.copyOf(issues.list);
  }

  private static byte[] resource() {
    try (InputStream in = MjcfSchema.class.getResourceAsStream("mjcf-benchmark.xsd")) {
      return Objects.requireNonNull(in, "mjcf-benchmark.xsd is missing").readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("The bundled MJCF schema cannot be read", e);
    }
  }

  private static Schema load() {
    try {
      SchemaFactory f = SchemaFactory.newDefaultInstance();
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return f.newSchema(new StreamSource(new ByteArrayInputStream(XSD)));
    } catch (SAXException e) {
      throw new IllegalStateException("The bundled MJCF schema is invalid", e);
    }
  }

  private static List<String> attributeNames() {
    try {
      NodeList declared =
          SecureXml.parse(XSD)
              .getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "attribute");
      TreeSet<String> names = new TreeSet<>();
      for (int i = 0; i < declared.getLength(); i++) {
        names.add(((Element) declared.item(i)).getAttribute("name"));
      }
      return List.copyOf(names);
    } catch (SAXException e) {
      throw new IllegalStateException("The bundled MJCF schema is invalid", e);
    }
  }

  /** The closest candidate within one edit (two for longer words) as a hint, else nothing. */
  private static String didYouMean(String typed, List<String> candidates) {
    String best = null;
    int bestDistance = typed.length() <= 4 ? 2 : 3;
    for (String c : candidates) {
      int d = editDistance(typed, c);
      if (d > 0 && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** Edits (insert, delete, substitute, swap two neighbours) turning a into b. */
  private static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** Tracks the open elements so a message can say where an unexpected element appeared. */
  private static final class ElementStack extends XMLFilterImpl {
    private final Deque<String> open = new ArrayDeque<>();
    private final Collector issues;

    ElementStack(org.xml.sax.XMLReader parent, Collector issues) {
      super(parent);
      this.issues = issues;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts)
        throws SAXException {
      issues.parent = open.peek();
      open.push(local);
      super.startElement(uri, local, qName, atts);
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
      open.pop();
      super.endElement(uri, local, qName);
    }
  }

  private static final class TooManyIssues extends SAXException {}

  /**
   * Turns the validator's messages into plain ones. Xerces reports a bad attribute value twice (the
   * facet that failed, then the attribute), so the first is held until the second names the
   * attribute.
   */
  private static final class Collector implements ErrorHandler {
    final List<MjcfIssue> list = new ArrayList<>();
    String parent; // the element enclosing the one being started
    private SAXParseException pendingFacet;
    private SAXParseException last;

    @Override
    public void warning(SAXParseException e) {
      // Xerces warnings concern the schema itself, not the scene.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      String msg = String.valueOf(e.getMessage());
      Matcher bad = BAD_VALUE.matcher(msg);
      if (bad.matches()) {
        add(e, badValue(bad));
        pendingFacet = null;
        return;
      }
      flush();
      if (msg.startsWith("cvc-pattern-valid")
          || msg.startsWith("cvc-enumeration-valid")
          || msg.startsWith("cvc-datatype-valid")) {
        pendingFacet = e;
        return;
      }
      add(e, plain(msg));
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      flush();
      addOnce(e, "Not well-formed XML: ");
      throw e;
    }

    void flush() {
      if (pendingFacet != null) {
        SAXParseException e = pendingFacet;
        pendingFacet = null;
        list.add(issue(e, CODE.matcher(e.getMessage()).replaceFirst("")));
      }
    }

    void addOnce(SAXParseException e, String prefix) {
      if (e != last) {
        String msg = String.valueOf(e.getMessage());
        list.add(
            issue(
                e,
                msg.contains("DOCTYPE is disallowed")
                    ? "A DOCTYPE is not allowed in an MJCF scene (entities could read local"
                        + " files); remove it."
                    : prefix + msg));
        last = e;
      }
    }

    private void add(SAXParseException e, String message) throws SAXException {
      list.add(issue(e, message));
      if (list.size() >= MAX_ISSUES) {
        throw new TooManyIssues();
      }
    }

    private String badValue(Matcher m) {
      String value = m.group(1);
      String attribute = m.group(2);
      String element = m.group(3);
      String type = m.group(4);
      String expected = EXPECTED.get(type);
      if (pendingFacet != null) {
        Matcher enumeration = ENUMERATION.matcher(pendingFacet.getMessage());
        if (enumeration.find()) {
          expected = "one of " + enumeration.group(1);
        }
      }
      return "<"
          + element
          + "> attribute "
          + attribute
          + "=\""
          + value
          + "\" is not valid: expected "
          + (expected == null ? "a value of type " + type : expected)
          + ".";
    }

    private String plain(String msg) {
      Matcher unexpected = UNEXPECTED.matcher(msg);
      if (unexpected.matches()) {
        String element = unexpected.group(1);
        if (element.equals("include")) {
          return "<include> is not supported: a benchmark scene is one self-contained file;"
              + " put the included elements into scene.xml.";
        }
        String where = parent == null ? "here" : "inside <" + parent + ">";
        if (unexpected.group(2) == null) {
          return "Element <" + element + "> is not allowed " + where + ".";
        }
        List<String> allowed = List.of(unexpected.group(2).replace("\"\":", "").split(",\\s*"));
        return "Unknown or misplaced element <"
            + element
            + "> "
            + where
            + didYouMean(element, allowed)
            + "; allowed here: "
            + String.join(", ", allowed)
            + ".";
      }
      Matcher attribute = UNKNOWN_ATTRIBUTE.matcher(msg);
      if (attribute.matches() && ATTRIBUTES.contains(attribute.group(1))) {
        return "Attribute '"
            + attribute.group(1)
            + "' is not allowed on <"
            + attribute.group(2)
            + "> here.";
      }
      if (attribute.matches()) {
        return "Unknown attribute '"
            + attribute.group(1)
            + "' on <"
            + attribute.group(2)
            + ">"
            + didYouMean(attribute.group(1), ATTRIBUTES)
            + ".";
      }
      Matcher root = NO_DECLARATION.matcher(msg);
      if (root.matches()) {
        return "The root element must be <mujoco>, not <" + root.group(1) + ">.";
      }
      return CODE.matcher(msg).replaceFirst("");
    }

    private static MjcfIssue issue(SAXParseException e, String message) {
      return new MjcfIssue(
          Math.max(0, e.getLineNumber()), Math.max(0, e.getColumnNumber()), message);
    }
  }
}
