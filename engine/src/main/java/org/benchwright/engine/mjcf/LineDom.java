package org.benchwright.engine.mjcf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Builds DOM elements with their source line and file attached (user data), through {@link
 * SecureXml}'s SAX reader: the loader reports errors found long after parsing with the line the
 * user wrote, and elements of included files keep their own file name.
 */
final class LineDom {

  static final String LINE = "bw.line";
  static final String FILE = "bw.file";

  private LineDom() {}

  /**
   * Parses {@code xml} into elements owned by {@code doc} (not attached); returns the root element.
   *
   * @throws SAXException when the XML is not well-formed or has a DOCTYPE
   */
  static Element parse(byte[] xml, Document doc, String file) throws SAXException {
    XMLReader reader = SecureXml.reader();
    Builder builder = new Builder(doc, file);
    reader.setContentHandler(builder);
    reader.setErrorHandler(builder);
    try {
      reader.parse(new InputSource(new ByteArrayInputStream(xml)));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does not fail
    }
    return builder.root;
  }

  static int line(Element e) {
    return e.getUserData(LINE) instanceof Integer i ? i : 0;
  }

  static String file(Element e) {
    return e.getUserData(FILE) instanceof String s ? s : "";
  }

  /** The element children of {@code e}, in document order (text and comments left out). */
  static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        out.add(child);
      }
    }
    return out;
  }

  private static final class Builder extends DefaultHandler {
    private final Document doc;
    private final String file;
    private Locator locator;
    private Element root;
    private Node current;

    Builder(Document doc, String file) {
      this.doc = doc;
      this.file = file;
    }

    @Override
    public void setDocumentLocator(Locator l) {
      locator = l;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
      Element e = doc.createElement(qName);
      for (int i = 0; i < atts.getLength(); i++) {
        e.setAttribute(atts.getQName(i), atts.getValue(i));
      }
      e.setUserData(LINE, locator == null ? 0 : locator.getLineNumber(), null);
      e.setUserData(FILE, file, null);
      if (current == null) {
        root = e;
      } else {
        current.appendChild(e);
      }
      current = e;
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      Node parent = current.getParentNode();
      current = parent;
    }
  }
}
