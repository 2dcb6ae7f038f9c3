package org.benchwright.engine.mjcf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * XML parsers for untrusted scenes. MJCF never needs a DOCTYPE, so any DOCTYPE is refused outright:
 * that closes XXE (external entities reading local files or URLs) and entity-expansion bombs in one
 * rule, before anything is resolved. The JDK's own parsers are used (newDefaultInstance) so a
 * parser on the classpath cannot change these guarantees or the wording of messages.
 */
final class SecureXml {

  static final String LOCALE = "http://apache.org/xml/properties/locale";
  private static final String NO_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

  private SecureXml() {}

  static XMLReader reader() {
    try {
      SAXParserFactory f = SAXParserFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setXIncludeAware(false);
      harden(f::setFeature);
      XMLReader r = f.newSAXParser().getXMLReader();
      r.setProperty(LOCALE, Locale.ROOT); // messages are shown to users and matched in English
      return r;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("The JDK's SAX parser lacks a required feature", e);
    }
  }

  /** Sets one parser feature (the SAX and DOM factories share no interface for it). */
  @FunctionalInterface
  private interface Features {
    void set(String feature, boolean on) throws ParserConfigurationException, SAXException;
  }

  /** The one list of hardening features, so the SAX reader and the DOM parser cannot drift. */
  private static void harden(Features f) throws ParserConfigurationException, SAXException {
    f.set(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.set(NO_DOCTYPE, true);
    f.set("http://xml.org/sax/features/external-general-entities", false);
    f.set("http://xml.org/sax/features/external-parameter-entities", false);
    f.set("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
  }

  /** Parses into a DOM; not-well-formed input throws the parser's SAXParseException. */
  static Document parse(byte[] xml) throws SAXException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      harden(f::setFeature);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler()); // fatal errors throw; nothing is printed
      return b.parse(new InputSource(new ByteArrayInputStream(xml)));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's DOM parser lacks a required feature", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does not fail
    }
  }
}
