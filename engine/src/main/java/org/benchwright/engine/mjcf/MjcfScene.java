package org.benchwright.engine.mjcf;

import static org.benchwright.engine.mjcf.LineDom.children;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The parts of an MJCF document the static checks read: bodies and geoms of the world, contact
 * pairs, and geom attributes as MuJoCo resolves them through default classes.
 */
final class MjcfScene {

  private static final String MAIN_CLASS = "main";

  private final List<Element> bodies = new ArrayList<>();
  private final List<Element> geoms = new ArrayList<>();
  private final List<Element> pairs = new ArrayList<>();
  private final Map<String, Element> classes = new HashMap<>();

  private MjcfScene(Document doc) {
    Element root = doc.getDocumentElement();
    for (Element section : children(root)) {
      switch (section.getTagName()) {
        case "worldbody" -> collect(section);
        case "default" -> classes(section, MAIN_CLASS);
        case "contact" ->
            children(section).stream()
                .filter(e -> e.getTagName().equals("pair"))
                .forEach(pairs::add);
        default -> {
          // other sections hold no parts
        }
      }
    }
  }

  /** Parses untrusted XML securely; not-well-formed input throws the parser's exception. */
  static MjcfScene read(byte[] xml) throws SAXException {
    return new MjcfScene(SecureXml.parse(xml));
  }

  /** Every body below the world, in document order. */
  List<Element> bodies() {
    return bodies;
  }

  /** Every geom of the world and its bodies, in document order. */
  List<Element> geoms() {
    return geoms;
  }

  /** The explicit contact pairs. */
  List<Element> pairs() {
    return pairs;
  }

  /** The geoms of a body and of the bodies inside it. */
  static List<Element> geomsUnder(Element body) {
    List<Element> out = new ArrayList<>();
    NodeList all = body.getElementsByTagName("geom");
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }

  /**
   * Whether MuJoCo would collide this geom with anything (without an explicit pair): contype and
   * conaffinity, from the geom or its default class, are 1 unless set.
   */
  boolean collides(Element geom) {
    return !isZero(geomAttribute(geom, "contype")) || !isZero(geomAttribute(geom, "conaffinity"));
  }

  private static boolean isZero(String value) {
    try {
      return Integer.parseInt(value.strip()) == 0;
    } catch (NumberFormatException e) {
      return false; // unset or not a number: MuJoCo's default (1), or its own error
    }
  }

  /**
   * A geom attribute as MuJoCo resolves it: the geom's own value, else the nearest default class
   * that sets it (the geom's class, else the childclass of the nearest enclosing body or frame,
   * else main, each falling back to its parent class); empty when nothing sets it.
   */
  String geomAttribute(Element geom, String name) {
    if (geom.hasAttribute(name)) {
      return geom.getAttribute(name);
    }
    String cls = geom.hasAttribute("class") ? geom.getAttribute("class") : childClass(geom);
    for (Element d = classes.get(cls); d != null; d = parentDefault(d)) {
      for (Element setting : children(d)) {
        if (setting.getTagName().equals("geom") && setting.hasAttribute(name)) {
          return setting.getAttribute(name);
        }
      }
    }
    return "";
  }

  private void collect(Element parent) {
    for (Element e : children(parent)) {
      switch (e.getTagName()) {
        case "geom" -> geoms.add(e);
        case "body" -> {
          bodies.add(e);
          collect(e);
        }
        case "frame" -> collect(e);
        default -> {
          // joints, sites, cameras, lights: not parts
        }
      }
    }
  }

  private void classes(Element def, String name) {
    classes.putIfAbsent(name, def);
    for (Element e : children(def)) {
      if (e.getTagName().equals("default")) {
        classes(e, e.getAttribute("class"));
      }
    }
  }

  private static String childClass(Element e) {
    for (Node n = e.getParentNode(); n instanceof Element p; n = p.getParentNode()) {
      if (p.hasAttribute("childclass")) {
        return p.getAttribute("childclass");
      }
    }
    return MAIN_CLASS;
  }

  private static Element parentDefault(Element d) {
    return d.getParentNode() instanceof Element p && p.getTagName().equals("default") ? p : null;
  }
}
