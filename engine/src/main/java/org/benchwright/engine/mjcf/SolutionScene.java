package org.benchwright.engine.mjcf;

import static org.benchwright.engine.mjcf.LineDom.children;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A benchmark scene with an engineer's solution placed in it. The solution is an MJCF fragment (a
 * {@code <mujoco>} holding only {@code asset}, {@code worldbody}, {@code contact}, {@code
 * equality}, {@code tendon}, {@code actuator} and {@code sensor}); its elements are appended to the
 * benchmark scene's sections of the same name. The benchmark keeps its own simulation settings
 * ({@code option}, {@code compiler}), so a solution cannot change gravity or the timestep.
 *
 * <p>The solution's parts are the top-level bodies and geoms of its worldbody; each needs a name,
 * since the simulator checks them against the build and forbid zones by name. Files the solution
 * refers to (meshes) are relative to the fragment's folder and become absolute paths in the
 * sandbox, so they resolve whatever {@code meshdir} the benchmark declares.
 *
 * @param xml the composed scene
 * @param parts the names of the solution's top-level bodies and geoms
 */
public record SolutionScene(byte[] xml, List<String> parts) {

  static final Set<String> SECTIONS =
      Set.of("asset", "worldbody", "contact", "equality", "tendon", "actuator", "sensor");

  public SolutionScene {
    parts = List.copyOf(parts);
  }

  /**
   * Places a solution fragment in a benchmark scene.
   *
   * @param solutionDir the fragment's folder as the sandbox sees it (absolute), for its files
   * @throws SolutionFormatException naming the line and what to change
   */
  public static SolutionScene compose(byte[] benchmarkScene, byte[] solution, String solutionDir) {
    Document scene = parse(benchmarkScene, "The benchmark scene");
    Document fragment = parse(solution, "The solution");
    Element root = fragment.getDocumentElement();
    if (!root.getTagName().equals("mujoco")) {
      throw new SolutionFormatException(
          "The solution's root element must be <mujoco>, not <" + root.getTagName() + ">.");
    }
    Set<String> taken = new HashSet<>();
    collectNames(scene.getDocumentElement(), taken);
    List<String> parts = new ArrayList<>();
    Set<String> own = new LinkedHashSet<>();
    for (Element section : children(root)) {
      String tag = section.getTagName();
      if (!SECTIONS.contains(tag)) {
        throw new SolutionFormatException(
            "<"
                + tag
                + "> is not allowed in the solution: the benchmark owns the simulation settings."
                + " Use only "
                + String.join(", ", SECTIONS.stream().sorted().toList())
                + ".");
      }
      checkNames(section, taken, own);
      if (tag.equals("worldbody")) {
        for (Element e : children(section)) {
          if (e.getTagName().equals("body") || e.getTagName().equals("geom")) {
            parts.add(e.getAttribute("name"));
          }
        }
      }
      if (tag.equals("asset")) {
        for (Element e : children(section)) {
          if (e.hasAttribute("file")) {
            e.setAttribute("file", resolve(e, solutionDir));
          }
        }
      }
    }
    if (parts.isEmpty()) {
      throw new SolutionFormatException(
          "The solution places nothing: its <worldbody> has no <body> or <geom>.");
    }
    Element target = scene.getDocumentElement();
    for (Element section : children(root)) {
      Element into = firstChild(target, section.getTagName());
      if (into == null) {
        into = scene.createElement(section.getTagName());
        // An asset section must come before the worldbody that uses it for MuJoCo 2.2.2's parser
        // to resolve names in one pass; appending other new sections at the end is fine.
        Element worldbody = firstChild(target, "worldbody");
        if (section.getTagName().equals("asset") && worldbody != null) {
          target.insertBefore(into, worldbody);
        } else {
          target.appendChild(into);
        }
      }
      for (Element e : children(section)) {
        into.appendChild(scene.importNode(e, true));
      }
    }
    return new SolutionScene(serialise(scene), parts);
  }

  /**
   * Where the solution puts each of its mesh geoms, for previews: the mesh file (relative to the
   * fragment's folder), its scale, and the geom's pose in world coordinates (bodies' and the geom's
   * {@code pos}, {@code quat} and {@code euler} composed; euler in degrees, MuJoCo's default
   * intrinsic x-y-z sequence). Other orientation forms count as none.
   *
   * @throws SolutionFormatException when the fragment is not well-formed or names an unknown mesh
   */
  public static List<MeshPlacement> placements(byte[] solution) {
    Element root = parse(solution, "The solution").getDocumentElement();
    java.util.Map<String, Element> meshes = new java.util.HashMap<>();
    for (Element section : children(root)) {
      if (section.getTagName().equals("asset")) {
        for (Element e : children(section)) {
          if (e.getTagName().equals("mesh")) {
            String name = e.getAttribute("name");
            meshes.put(name.isEmpty() ? stem(e.getAttribute("file")) : name, e);
          }
        }
      }
    }
    List<MeshPlacement> out = new ArrayList<>();
    for (Element section : children(root)) {
      if (section.getTagName().equals("worldbody")) {
        place(section, Pose.IDENTITY, meshes, out);
      }
    }
    return out;
  }

  /**
   * The solution's geoms that are not meshes (boxes, spheres...): they cannot be priced from a
   * mesh, so a solution that must meet cost and weight caps is made of meshes only.
   */
  public static List<String> primitiveGeoms(byte[] solution) {
    List<String> out = new ArrayList<>();
    for (Element section : children(parse(solution, "The solution").getDocumentElement())) {
      if (section.getTagName().equals("worldbody")) {
        primitives(section, out);
      }
    }
    return out;
  }

  private static void primitives(Element parent, List<String> out) {
    for (Element e : children(parent)) {
      if (e.getTagName().equals("geom")
          && !(e.getAttribute("type").equals("mesh")
              || (!e.hasAttribute("type") && e.hasAttribute("mesh")))) {
        out.add(
            e.getAttribute("name").isEmpty()
                ? "(unnamed " + e.getAttribute("type") + ")"
                : e.getAttribute("name"));
      } else if (e.getTagName().equals("body")) {
        primitives(e, out);
      }
    }
  }

  /** A mesh geom of the solution, posed: world = rotation · (scale ⊙ vertex) + translation. */
  public record MeshPlacement(
      String geom, String file, double[] scale, double[] rotation, double[] translation) {}

  private static void place(
      Element parent, Pose pose, java.util.Map<String, Element> meshes, List<MeshPlacement> out) {
    for (Element e : children(parent)) {
      switch (e.getTagName()) {
        case "body" -> place(e, pose.then(Pose.of(e)), meshes, out);
        case "geom" -> {
          String mesh = e.getAttribute("mesh");
          if (!mesh.isEmpty()
              && (e.getAttribute("type").equals("mesh") || !e.hasAttribute("type"))) {
            Element asset = meshes.get(mesh);
            if (asset == null) {
              throw new SolutionFormatException(
                  "Geom '"
                      + e.getAttribute("name")
                      + "' uses mesh '"
                      + mesh
                      + "', which the solution's <asset> does not declare.");
            }
            Pose g = pose.then(Pose.of(e));
            double[] scale = numbers(asset.getAttribute("scale"), new double[] {1, 1, 1});
            out.add(
                new MeshPlacement(
                    e.getAttribute("name"), asset.getAttribute("file"), scale, g.r, g.t));
          }
        }
        default -> {}
      }
    }
  }

  /** A rigid transform: rotation (row-major 3×3) then translation. */
  private record Pose(double[] r, double[] t) {
    static final Pose IDENTITY = new Pose(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);

    static Pose of(Element e) {
      double[] t = numbers(e.getAttribute("pos"), new double[3]);
      double[] r = IDENTITY.r;
      if (e.hasAttribute("quat")) {
        double[] q = numbers(e.getAttribute("quat"), new double[] {1, 0, 0, 0});
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double w = q[0] / n, x = q[1] / n, y = q[2] / n, z = q[3] / n;
        r =
            new double[] {
              1 - 2 * (y * y + z * z),
              2 * (x * y - z * w),
              2 * (x * z + y * w),
              2 * (x * y + z * w),
              1 - 2 * (x * x + z * z),
              2 * (y * z - x * w),
              2 * (x * z - y * w),
              2 * (y * z + x * w),
              1 - 2 * (x * x + y * y)
            };
      } else if (e.hasAttribute("euler")) {
        double[] a = numbers(e.getAttribute("euler"), new double[3]);
        r = mul(mul(axis(0, a[0]), axis(1, a[1])), axis(2, a[2]));
      }
      return new Pose(r, t);
    }

    Pose then(Pose child) {
      double[] t2 = apply(r, child.t);
      return new Pose(mul(r, child.r), new double[] {t[0] + t2[0], t[1] + t2[1], t[2] + t2[2]});
    }

    private static double[] axis(int k, double degrees) {
      double c = Math.cos(Math.toRadians(degrees)), s = Math.sin(Math.toRadians(degrees));
      return switch (k) {
        case 0 -> new double[] {1, 0, 0, 0, c, -s, 0, s, c};
        case 1 -> new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
        default -> new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
      };
    }

    private static double[] mul(double[] a, double[] b) {
      double[] m = new double[9];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int k = 0; k < 3; k++) {
            m[3 * i + j] += a[3 * i + k] * b[3 * k + j];
          }
        }
      }
      return m;
    }

    static double[] apply(double[] r, double[] v) {
      return new double[] {
        r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
        r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
        r[6] * v[0] + r[7] * v[1] + r[8] * v[2]
      };
    }
  }

  private static double[] numbers(String text, double[] fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String[] parts = text.strip().split("\\s+");
    if (parts.length != fallback.length) {
      return fallback;
    }
    double[] out = new double[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        out[i] = Double.parseDouble(parts[i]);
      }
    } catch (NumberFormatException e) {
      return fallback;
    }
    return out;
  }

  private static String stem(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static String resolve(Element e, String solutionDir) {
    String file = e.getAttribute("file");
    if (file.startsWith("/") || file.contains("\\") || List.of(file.split("/")).contains("..")) {
      throw new SolutionFormatException(
          "<"
              + e.getTagName()
              + " file=\""
              + file
              + "\"> must name a file inside the solution's folder, relative to it (e.g."
              + " file=\"ramp.stl\").");
    }
    return solutionDir.endsWith("/") ? solutionDir + file : solutionDir + "/" + file;
  }

  /** Parts need names (they are checked by name); names must not clash with the benchmark's. */
  private static void checkNames(Element section, Set<String> taken, Set<String> own) {
    boolean worldbody = section.getTagName().equals("worldbody");
    for (Element e : children(section)) {
      visit(e, worldbody, true, taken, own);
    }
  }

  private static void visit(
      Element e, boolean worldbody, boolean top, Set<String> taken, Set<String> own) {
    String name = e.getAttribute("name");
    String tag = e.getTagName();
    if (worldbody && (tag.equals("body") || (top && tag.equals("geom"))) && name.isBlank()) {
      throw new SolutionFormatException(
          "Every "
              + (tag.equals("body") ? "body" : "top-level geom")
              + " of the solution needs a name (a <"
              + tag
              + "> has none): parts are checked against the build and forbid zones by name.");
    }
    if (!name.isEmpty()) {
      if (name.startsWith(StaticChecks.ZONE_PREFIX)) {
        throw new SolutionFormatException(
            "The solution's <"
                + tag
                + " name=\""
                + name
                + "\"> uses the prefix zone_, which is reserved for the benchmark's zone markers.");
      }
      String key = tag + ":" + name;
      if (taken.contains(key)) {
        throw new SolutionFormatException(
            "The solution's <"
                + tag
                + " name=\""
                + name
                + "\"> clashes with a "
                + tag
                + " of the benchmark scene; choose another name.");
      }
      if (!own.add(key)) {
        throw new SolutionFormatException(
            "The solution names two <" + tag + "> elements '" + name + "'.");
      }
    }
    for (Element c : children(e)) {
      visit(c, worldbody, false, taken, own);
    }
  }

  private static void collectNames(Element e, Set<String> names) {
    if (e.hasAttribute("name")) {
      names.add(e.getTagName() + ":" + e.getAttribute("name"));
    }
    for (Element c : children(e)) {
      collectNames(c, names);
    }
  }

  private static Document parse(byte[] xml, String what) {
    try {
      return SecureXml.parse(xml);
    } catch (SAXParseException e) {
      throw new SolutionFormatException(
          what + " is not well-formed XML (line " + e.getLineNumber() + "): " + e.getMessage(), e);
    } catch (SAXException e) {
      throw new SolutionFormatException(what + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static byte[] serialise(Document doc) {
    try {
      TransformerFactory f = TransformerFactory.newDefaultInstance();
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer t = f.newTransformer();
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("A parsed document always serialises", e);
    }
  }

  private static Element firstChild(Element parent, String tag) {
    return children(parent).stream()
        .filter(c -> c.getTagName().equals(tag))
        .findFirst()
        .orElse(null);
  }
}
