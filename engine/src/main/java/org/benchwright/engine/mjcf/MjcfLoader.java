package org.benchwright.engine.mjcf;

import static org.benchwright.engine.mjcf.LineDom.children;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.benchwright.engine.mjcf.SceneModel.Body;
import org.benchwright.engine.mjcf.SceneModel.Geom;
import org.benchwright.engine.mjcf.SceneModel.GeomType;
import org.benchwright.engine.mjcf.SceneModel.MeshAsset;
import org.benchwright.engine.mjcf.SceneModel.Rgba;
import org.benchwright.engine.mjcf.SceneModel.Vec3;
import org.benchwright.engine.mjcf.SceneModel.Zone;
import org.benchwright.engine.mjcf.SceneModel.ZoneKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads MJCF as it is written in the wild (not only the benchmark subset) into a {@link
 * SceneModel}: includes, default classes and childclass, the compiler's angle unit, Euler sequence
 * and mesh folder, every way MJCF states an orientation, frames, materials and mesh assets. What it
 * does not draw is listed, never refused; XML that is not well-formed, a missing include or a value
 * that is not a number is refused with the file and line. See ADR 0019.
 */
public final class MjcfLoader {

  private static final String MAIN_CLASS = "main";
  private static final String ZONE_PREFIX = StaticChecks.ZONE_PREFIX;
  private static final int MAX_INCLUDE_DEPTH = 16;

  private static final int HIDDEN_GROUP = SceneModel.HIDDEN_GROUP;

  /**
   * Sections of simulation settings or behaviour: no viewer draws them, so listing them as "not
   * drawn" would only hide what is missing from the picture.
   */
  private static final Set<String> SECTIONS_NEVER_DRAWN =
      Set.of(
          "option",
          "size",
          "visual",
          "statistic",
          "custom",
          "contact",
          "equality",
          "tendon",
          "actuator",
          "sensor",
          "keyframe");

  /** Sections that may hold geometry this reader does not draw (flex, plugins): listed. */
  private static final Set<String> SECTIONS_NOT_DRAWN = Set.of("extension", "deformable", "plugin");

  /** Elements in bodies that are never drawn (kinematics, mass, lights): not listed. */
  private static final Set<String> BODY_ELEMENTS_NEVER_DRAWN =
      Set.of("light", "joint", "freejoint", "inertial");

  /** Inline meshes without faces get a convex hull, as in MuJoCo; above this many, not drawn. */
  private static final int MAX_HULL_VERTICES = 200;

  private final SceneFiles files;
  private final String source;
  private final Document doc;
  private final Map<String, Element> classes = new HashMap<>();
  private final Map<String, Rgba> materials = new HashMap<>();
  private final Map<String, MeshAsset> meshAssets = new LinkedHashMap<>();
  private final Map<String, Integer> notDrawn = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<Body> bodies = new ArrayList<>();
  private final List<Geom> geoms = new ArrayList<>();
  private final List<Zone> zones = new ArrayList<>();

  private final Map<String, String> models = new HashMap<>();
  private final Map<String, SceneModel> attached = new HashMap<>();
  private final int modelDepth;

  private boolean degrees = true;
  private String eulerSeq = "xyz";
  private String meshDir = "";

  /** Appended to body names inside {@code <replicate>} (MuJoCo's sep + index). */
  private String nameSuffix = "";

  private MjcfLoader(String source, SceneFiles files, int modelDepth) {
    this.source = source;
    this.files = files;
    this.modelDepth = modelDepth;
    try {
      doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's DOM builder is unavailable", e);
    }
  }

  /** Loads a scene file from disk; includes and meshes are resolved from its folder. */
  public static SceneModel load(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    return load(file.getFileName().toString(), SceneFiles.directory(dir));
  }

  /**
   * Loads the scene {@code mainFile} (a path relative to {@code files}' root) and everything it
   * includes.
   *
   * @throws MjcfLoadException naming the file and line when the scene cannot be read
   */
  public static SceneModel load(String mainFile, SceneFiles files) {
    String main = normalise("", mainFile);
    return new MjcfLoader(main, files, 0).read();
  }

  private SceneModel read() {
    byte[] xml =
        files.read(source).orElseThrow(() -> new MjcfLoadException(source, 0, "no such file"));
    Element root = parse(xml, source);
    if (!root.getTagName().equals("mujoco")) {
      throw new MjcfLoadException(
          source,
          LineDom.line(root),
          "the root element is <" + root.getTagName() + ">, not <mujoco>");
    }
    expandIncludes(root, parent(source), new ArrayDeque<>(List.of(source)));
    // MuJoCo reads sections by kind, not in document order: the compiler and defaults apply to
    // everything whichever comes first.
    for (Element section : children(root)) {
      if (section.getTagName().equals("compiler")) {
        compiler(section);
      }
    }
    for (Element section : children(root)) {
      if (section.getTagName().equals("default")) {
        defaults(section, MAIN_CLASS, null);
      }
    }
    for (Element section : children(root)) {
      if (section.getTagName().equals("asset")) {
        assets(section);
      }
    }
    bodies.add(new Body("world", -1, Pose.IDENTITY));
    for (Element section : children(root)) {
      String tag = section.getTagName();
      switch (tag) {
        case "worldbody" -> walk(section, 0, Pose.IDENTITY, Pose.IDENTITY, MAIN_CLASS, null);
        case "compiler", "default", "asset" -> {
          // read above
        }
        default -> {
          if (SECTIONS_NEVER_DRAWN.contains(tag)) {
            // settings and behaviour, nothing to draw
          } else if (SECTIONS_NOT_DRAWN.contains(tag)) {
            int n = children(section).size();
            notDrawn(n == 0 ? tag : tag + " (" + n + (n == 1 ? " element)" : " elements)"));
          } else {
            notDrawn("<" + tag + ">");
          }
        }
      }
    }
    List<String> listed = new ArrayList<>();
    notDrawn.forEach((what, n) -> listed.add(n == 1 ? what : what + " ×" + n));
    List<MeshAsset> used = new ArrayList<>();
    for (MeshAsset m : meshAssets.values()) {
      if (geoms.stream().anyMatch(g -> m.name().equals(g.mesh()))) {
        used.add(m);
      }
    }
    return new SceneModel(source, bodies, geoms, zones, used, listed, warnings);
  }

  // ---- parsing and includes ----

  private Element parse(byte[] xml, String file) {
    try {
      return LineDom.parse(xml, doc, file);
    } catch (SAXParseException e) {
      throw new MjcfLoadException(file, e.getLineNumber(), "malformed XML: " + e.getMessage(), e);
    } catch (SAXException e) {
      throw new MjcfLoadException(file, 0, "malformed XML: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces each {@code <include file>} by the children of the included file's root. The path is
   * relative to the including file; MuJoCo resolves it against the main file's folder, so that is
   * tried second (both agree for one level of includes).
   */
  private void expandIncludes(Element e, String dir, Deque<String> chain) {
    for (Element child : children(e)) {
      if (!child.getTagName().equals("include")) {
        expandIncludes(child, dir, chain);
        continue;
      }
      String from = LineDom.file(child);
      int line = LineDom.line(child);
      if (!child.hasAttribute("file")) {
        throw new MjcfLoadException(from, line, "<include> needs a file attribute");
      }
      String name = child.getAttribute("file");
      String path = normalise(dir, name);
      byte[] content = files.read(path).orElse(null);
      if (content == null && !dir.equals(parent(source))) {
        path = normalise(parent(source), name);
        content = files.read(path).orElse(null);
      }
      if (content == null) {
        throw new MjcfLoadException(from, line, "included file '" + name + "' not found");
      }
      if (chain.contains(path) || chain.size() > MAX_INCLUDE_DEPTH) {
        throw new MjcfLoadException(
            from, line, "include of '" + name + "' loops (" + String.join(" → ", chain) + ")");
      }
      Element included = parse(content, path);
      chain.push(path);
      expandIncludes(included, parent(path), chain);
      chain.pop();
      for (Element inner : children(included)) {
        e.insertBefore(inner, child);
      }
      e.removeChild(child);
    }
  }

  // ---- compiler, defaults, assets ----

  private void compiler(Element c) {
    if (c.hasAttribute("angle")) {
      String angle = c.getAttribute("angle").strip();
      switch (angle) {
        case "degree" -> degrees = true;
        case "radian" -> degrees = false;
        default ->
            throw error(
                c, "compiler angle must be \"degree\" or \"radian\", not \"" + angle + "\"");
      }
    }
    if (c.hasAttribute("eulerseq")) {
      String seq = c.getAttribute("eulerseq").strip();
      if (!seq.matches("[xyzXYZ]{3}")) {
        throw error(c, "compiler eulerseq must be three of x, y, z, X, Y, Z; got \"" + seq + "\"");
      }
      eulerSeq = seq;
    }
    // meshdir wins over assetdir for meshes, as in MuJoCo.
    if (c.hasAttribute("assetdir") && meshDir.isEmpty()) {
      meshDir = c.getAttribute("assetdir").strip();
    }
    if (c.hasAttribute("meshdir")) {
      meshDir = c.getAttribute("meshdir").strip();
    }
  }

  private void defaults(Element d, String name, Element parent) {
    if (d.hasAttribute("class")) {
      name = d.getAttribute("class");
    }
    if (parent != null) {
      d.setUserData("bw.parent", parent, null);
    }
    classes.putIfAbsent(name, d);
    for (Element child : children(d)) {
      if (child.getTagName().equals("default")) {
        if (!child.hasAttribute("class")) {
          throw error(child, "a nested <default> needs a class name");
        }
        defaults(child, child.getAttribute("class"), d);
      }
    }
  }

  private void assets(Element section) {
    for (Element a : children(section)) {
      String cls = classOf(a, MAIN_CLASS);
      switch (a.getTagName()) {
        case "material" -> {
          String name = a.getAttribute("name");
          String rgba = attr(a, "rgba", cls);
          materials.put(name, rgba == null ? new Rgba(1, 1, 1, 1) : rgba(a, rgba));
        }
        case "mesh" -> mesh(a, cls);
        case "model" -> {
          if (a.hasAttribute("file")) {
            String name = a.getAttribute("name");
            models.put(name.isEmpty() ? baseName(a.getAttribute("file")) : name, modelPath(a));
          }
        }
        default -> notDrawn(a.getTagName());
      }
    }
  }

  private void mesh(Element a, String cls) {
    String file = attr(a, "file", cls);
    String scaleText = attr(a, "scale", cls);
    double[] s = scaleText == null ? new double[] {1, 1, 1} : numbers(a, "scale", scaleText, 3, 3);
    if (file == null) {
      inlineMesh(a, s);
      return;
    }
    String name = a.getAttribute("name");
    if (name.isEmpty()) {
      name = baseName(file);
    }
    String dir = meshDir.isEmpty() ? parent(LineDom.file(a)) : normalise(parent(source), meshDir);
    meshAssets.put(name, new MeshAsset(name, normalise(dir, file), new Vec3(s[0], s[1], s[2])));
  }

  /** A mesh given by {@code vertex} (and optionally {@code face}) attributes. */
  private void inlineMesh(Element a, double[] scale) {
    String name = a.getAttribute("name");
    if (!a.hasAttribute("vertex") || name.isEmpty()) {
      notDrawn(name.isEmpty() ? "mesh without a name or file" : "mesh without a file or vertices");
      return;
    }
    double[] v = numbers(a, "vertex", a.getAttribute("vertex"), 0, Integer.MAX_VALUE);
    if (v.length < 9 || v.length % 3 != 0) {
      throw error(
          a, "vertex needs at least 3 points of 3 numbers; it has " + v.length + " numbers");
    }
    float[] points = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      points[i] = (float) (v[i] * scale[i % 3]);
    }
    int[] faces;
    if (a.hasAttribute("face")) {
      double[] f = numbers(a, "face", a.getAttribute("face"), 0, Integer.MAX_VALUE);
      if (f.length % 3 != 0) {
        throw error(a, "face needs triples of vertex indices; it has " + f.length + " numbers");
      }
      faces = new int[f.length];
      for (int i = 0; i < f.length; i++) {
        if (f[i] != Math.rint(f[i]) || f[i] < 0 || f[i] >= v.length / 3) {
          throw error(
              a, "face: " + f[i] + " is not a vertex index (there are " + v.length / 3 + ")");
        }
        faces[i] = (int) f[i];
      }
    } else if (v.length / 3 <= MAX_HULL_VERTICES) {
      faces = ConvexHull.faces(points);
    } else {
      notDrawn("inline mesh without faces of more than " + MAX_HULL_VERTICES + " vertices");
      return;
    }
    meshAssets.put(name, MeshAsset.inline(name, points, faces));
  }

  private String modelPath(Element a) {
    String dir = meshDir.isEmpty() ? parent(source) : normalise(parent(source), meshDir);
    String file = a.getAttribute("file");
    String inMeshDir = normalise(dir, file);
    return files.read(inMeshDir).isPresent() ? inMeshDir : normalise(parent(source), file);
  }

  private static String baseName(String file) {
    String base = file.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  // ---- the world ----

  /**
   * Walks the children of a body, frame or the worldbody.
   *
   * @param body index of the enclosing body
   * @param bodyWorld the enclosing body's world pose
   * @param inBody the pose of this element's frame in the body (frames compose into it)
   * @param childClass the class children use when they name none
   * @param zoneBody the name of the nearest enclosing body named zone_*, or null
   */
  private void walk(
      Element parent, int body, Pose bodyWorld, Pose inBody, String childClass, String zoneBody) {
    for (Element e : children(parent)) {
      String tag = e.getTagName();
      switch (tag) {
        case "body" -> {
          String name = e.getAttribute("name");
          name = name.isEmpty() ? name : name + nameSuffix;
          Pose world = bodyWorld.then(inBody).then(pose(e));
          int index = bodies.size();
          bodies.add(new Body(name, body, world));
          String cc = e.hasAttribute("childclass") ? e.getAttribute("childclass") : childClass;
          String zb = name.startsWith(ZONE_PREFIX) ? name : zoneBody;
          walk(e, index, world, Pose.IDENTITY, cc, zb);
        }
        case "frame" -> {
          String cc = e.hasAttribute("childclass") ? e.getAttribute("childclass") : childClass;
          walk(e, body, bodyWorld, inBody.then(pose(e)), cc, zoneBody);
        }
        case "geom" -> geom(e, body, inBody, classOf(e, childClass), zoneBody);
        case "site" -> site(e, body, inBody, classOf(e, childClass));
        case "replicate" -> replicate(e, body, bodyWorld, inBody, childClass, zoneBody);
        case "attach" -> attach(e, body, bodyWorld.then(inBody));
        default -> {
          if (!BODY_ELEMENTS_NEVER_DRAWN.contains(tag)) {
            notDrawn(tag);
          }
        }
      }
    }
  }

  /**
   * {@code <replicate count offset euler sep>}: its children {@code count} times, each copy moved
   * by the offset and rotation once more than the one before; names get sep and the copy's index.
   */
  private void replicate(
      Element e, int body, Pose bodyWorld, Pose inBody, String childClass, String zoneBody) {
    String countText = e.getAttribute("count");
    int count = countText.isBlank() ? 1 : (int) number(e, "count", countText);
    if (count < 1 || count > 100_000) {
      throw error(e, "count must be between 1 and 100000; it is " + countText);
    }
    String offsetText = e.getAttribute("offset");
    double[] offset = offsetText.isBlank() ? new double[3] : numbers(e, "offset", offsetText, 3, 3);
    Pose step = orientation(e, null).at(offset[0], offset[1], offset[2]);
    String sep = e.getAttribute("sep");
    String outer = nameSuffix;
    int digits = Integer.toString(count - 1).length();
    try {
      for (int i = 0; i < count; i++) {
        nameSuffix = sep + String.format(java.util.Locale.ROOT, "%0" + digits + "d", i) + outer;
        walk(e, body, bodyWorld, inBody.then(step.power(i)), childClass, zoneBody);
      }
    } finally {
      nameSuffix = outer;
    }
  }

  /**
   * {@code <attach model body prefix>}: the named body of an asset {@code <model>}, with its
   * subtree, placed at this frame. The model is read once by a loader of its own (its compiler,
   * classes and assets apply inside it) and its bodies, geoms and meshes are grafted with the
   * prefix.
   */
  private void attach(Element e, int parentBody, Pose at) {
    String modelName = e.getAttribute("model");
    String bodyName = e.getAttribute("body");
    String prefix = e.getAttribute("prefix");
    String path = models.get(modelName);
    if (path == null) {
      warnings.add(where(e) + ": attach names an unknown model '" + modelName + "'; not drawn");
      return;
    }
    SceneModel sub = attached.get(modelName);
    if (sub == null) {
      if (modelDepth >= MAX_INCLUDE_DEPTH) {
        throw error(e, "attached models nest deeper than " + MAX_INCLUDE_DEPTH);
      }
      try {
        sub = new MjcfLoader(path, files, modelDepth + 1).read();
      } catch (MjcfLoadException ex) {
        warnings.add(where(e) + ": attached model '" + modelName + "': " + ex.getMessage());
        notDrawn("attach");
        return;
      }
      attached.put(modelName, sub);
      sub.notDrawn().forEach(n -> notDrawn(n + " (in " + modelName + ")"));
      warnings.addAll(sub.warnings());
    }
    int root = -1;
    for (int b = 1; b < sub.bodies().size(); b++) {
      if (sub.body(b).name().equals(bodyName)) {
        root = b;
        break;
      }
    }
    if (root < 0) {
      warnings.add(
          where(e) + ": model '" + modelName + "' has no body '" + bodyName + "'; not drawn");
      return;
    }
    // The attached body keeps its pose relative to its parent in its own model.
    Body rootBody = sub.body(root);
    Pose local = sub.body(rootBody.parent()).world().inverse().then(rootBody.world());
    Pose rootInverse = rootBody.world().inverse();
    Map<Integer, Integer> index = new HashMap<>();
    for (int b = root; b < sub.bodies().size(); b++) {
      Body sb = sub.body(b);
      if (b != root && !index.containsKey(sb.parent())) {
        continue; // not in the attached subtree
      }
      Pose world = at.then(local).then(rootInverse.then(sb.world()));
      int parent = b == root ? parentBody : index.get(sb.parent());
      index.put(b, bodies.size());
      String name = sb.name().isEmpty() ? "" : prefix + sb.name() + nameSuffix;
      bodies.add(new Body(name, parent, world));
    }
    for (Geom g : sub.geoms()) {
      Integer b = index.get(g.body());
      if (b != null) {
        String mesh = g.mesh() == null ? null : prefix + g.mesh();
        if (mesh != null) {
          MeshAsset m = sub.mesh(g.mesh());
          meshAssets.putIfAbsent(
              mesh, new MeshAsset(mesh, m.file(), m.scale(), m.vertices(), m.faces()));
        }
        geoms.add(
            new Geom(
                g.name().isEmpty() ? "" : prefix + g.name(),
                b,
                g.type(),
                g.local(),
                g.size(),
                g.rgba(),
                mesh,
                g.line(),
                g.group()));
      }
    }
    for (Zone z : sub.zones()) {
      Integer b = index.get(z.body());
      if (b != null) {
        zones.add(new Zone(prefix + z.name(), z.kind(), b, z.local(), z.halfExtents()));
      }
    }
  }

  private void geom(Element e, int body, Pose inBody, String cls, String zoneBody) {
    String name = e.getAttribute("name");
    String typeText = attr(e, "type", cls);
    String meshName = attr(e, "mesh", cls);
    if (typeText == null) {
      // MuJoCo's default type is sphere; a geom naming a mesh but no type means the mesh.
      typeText = meshName != null ? "mesh" : "sphere";
    }
    GeomType type = GeomType.of(typeText.strip());
    if (type == null || type == GeomType.HFIELD) {
      notDrawn("geom of type " + typeText.strip());
      return;
    }
    String groupText = attr(e, "group", cls);
    boolean zone = name.startsWith(ZONE_PREFIX) || zoneBody != null;
    if (!zone && groupText != null && (int) number(e, "group", groupText) >= HIDDEN_GROUP) {
      notDrawn("geom in group 3–5 (hidden as in MuJoCo's viewer)");
      return;
    }
    double[] size = sizes(e, cls);
    Pose local;
    String fromto = attr(e, "fromto", cls);
    if (fromto != null) {
      double[] ft = numbers(e, "fromto", fromto, 6, 6);
      if (!(type == GeomType.CAPSULE
          || type == GeomType.CYLINDER
          || type == GeomType.BOX
          || type == GeomType.ELLIPSOID)) {
        throw error(e, "fromto is only allowed for capsule, cylinder, box and ellipsoid geoms");
      }
      double dx = ft[3] - ft[0];
      double dy = ft[4] - ft[1];
      double dz = ft[5] - ft[2];
      double half = Math.sqrt(dx * dx + dy * dy + dz * dz) / 2;
      local =
          Pose.zTo(dx, dy, dz).at((ft[0] + ft[3]) / 2, (ft[1] + ft[4]) / 2, (ft[2] + ft[5]) / 2);
      size =
          (type == GeomType.BOX || type == GeomType.ELLIPSOID)
              ? new double[] {size[0], size[0], half}
              : new double[] {size[0], half, 0};
    } else {
      local = pose(e, cls);
    }
    Pose inBodyPose = inBody.then(local);
    if (zone) {
      String zoneName = name.startsWith(ZONE_PREFIX) ? name : zoneBody;
      zones.add(
          new Zone(
              name.isEmpty() ? zoneName : name,
              ZoneKind.ofName(zoneName.substring(ZONE_PREFIX.length())),
              body,
              inBodyPose,
              halfExtents(type, size)));
      return;
    }
    if (type == GeomType.MESH) {
      if (meshName == null || !meshAssets.containsKey(meshName)) {
        warnings.add(
            where(e)
                + ": geom "
                + label(name)
                + (meshName == null ? " has no mesh" : " uses an unknown mesh '" + meshName + "'")
                + "; not drawn");
        return;
      }
    }
    Rgba rgba = colour(e, cls);
    if (rgba.a() <= 0) {
      notDrawn("fully transparent geom");
      return;
    }
    geoms.add(
        new Geom(
            name,
            body,
            type,
            inBodyPose,
            new Vec3(size[0], size[1], size[2]),
            rgba,
            type == GeomType.MESH ? meshName : null,
            LineDom.line(e)));
  }

  private void site(Element e, int body, Pose inBody, String cls) {
    String name = e.getAttribute("name");
    if (!name.startsWith(ZONE_PREFIX)) {
      notDrawn("site");
      return;
    }
    String typeText = attr(e, "type", cls);
    GeomType type = GeomType.of(typeText == null ? "sphere" : typeText.strip());
    if (type == null
        || type == GeomType.MESH
        || type == GeomType.PLANE
        || type == GeomType.HFIELD) {
      type = GeomType.BOX;
    }
    String sizeText = attr(e, "size", cls);
    double[] size = new double[] {0.005, 0.005, 0.005}; // MuJoCo's default site size
    if (sizeText != null) {
      double[] given = numbers(e, "size", sizeText, 1, 3);
      System.arraycopy(given, 0, size, 0, given.length);
    }
    Pose local = pose(e, cls);
    String fromto = attr(e, "fromto", cls);
    if (fromto != null) {
      double[] ft = numbers(e, "fromto", fromto, 6, 6);
      double dx = ft[3] - ft[0];
      double dy = ft[4] - ft[1];
      double dz = ft[5] - ft[2];
      local =
          Pose.zTo(dx, dy, dz).at((ft[0] + ft[3]) / 2, (ft[1] + ft[4]) / 2, (ft[2] + ft[5]) / 2);
      size = new double[] {size[0], Math.sqrt(dx * dx + dy * dy + dz * dz) / 2, size[0]};
    }
    zones.add(
        new Zone(
            name,
            ZoneKind.ofName(name.substring(ZONE_PREFIX.length())),
            body,
            inBody.then(local),
            halfExtents(type, size)));
  }

  private static Vec3 halfExtents(GeomType type, double[] s) {
    return switch (type) {
      case SPHERE -> new Vec3(s[0], s[0], s[0]);
      case CAPSULE -> new Vec3(s[0], s[0], s[1] + s[0]);
      case CYLINDER -> new Vec3(s[0], s[0], s[1]);
      case PLANE -> new Vec3(s[0], s[1], 0);
      default -> new Vec3(s[0], s[1], s[2]);
    };
  }

  private double[] sizes(Element e, String cls) {
    String text = attr(e, "size", cls);
    double[] size = new double[3];
    if (text != null) {
      double[] given = numbers(e, "size", text, 0, 3);
      System.arraycopy(given, 0, size, 0, given.length);
    }
    return size;
  }

  private Rgba colour(Element e, String cls) {
    // An rgba set on the geom (or its class) wins; else the material's; else MuJoCo's grey.
    if (e.hasAttribute("rgba")) {
      return rgba(e, e.getAttribute("rgba"));
    }
    String material = attr(e, "material", cls);
    String classRgba = attr(e, "rgba", cls);
    if (material != null && (e.hasAttribute("material") || classRgba == null)) {
      Rgba m = materials.get(material);
      if (m == null) {
        warnings.add(where(e) + ": unknown material '" + material + "'; drawn grey");
        return Rgba.MUJOCO_DEFAULT;
      }
      return m;
    }
    return classRgba == null ? Rgba.MUJOCO_DEFAULT : rgba(e, classRgba);
  }

  private Rgba rgba(Element e, String text) {
    double[] c = numbers(e, "rgba", text, 4, 4);
    return new Rgba(c[0], c[1], c[2], c[3]);
  }

  // ---- poses ----

  private Pose pose(Element e) {
    return pose(e, null);
  }

  /** An element's pos and orientation; orientation attributes come from its class too. */
  private Pose pose(Element e, String cls) {
    String posText = attr(e, "pos", cls);
    double[] pos = posText == null ? new double[3] : numbers(e, "pos", posText, 3, 3);
    return orientation(e, cls).at(pos[0], pos[1], pos[2]);
  }

  private Pose orientation(Element e, String cls) {
    String quat = attr(e, "quat", cls);
    if (quat != null) {
      return Pose.of(new double[3], numbers(e, "quat", quat, 4, 4));
    }
    String axisAngle = attr(e, "axisangle", cls);
    if (axisAngle != null) {
      double[] a = numbers(e, "axisangle", axisAngle, 4, 4);
      return Pose.rotation(a[0], a[1], a[2], angle(a[3]));
    }
    String euler = attr(e, "euler", cls);
    if (euler != null) {
      double[] a = numbers(e, "euler", euler, 3, 3);
      Pose q = Pose.IDENTITY;
      for (int i = 0; i < 3; i++) {
        char axis = eulerSeq.charAt(i);
        char lower = Character.toLowerCase(axis);
        Pose r =
            Pose.rotation(
                lower == 'x' ? 1 : 0, lower == 'y' ? 1 : 0, lower == 'z' ? 1 : 0, angle(a[i]));
        // Lower case: axes that move with the frame (intrinsic); upper case: fixed axes.
        q = Character.isLowerCase(axis) ? q.then(r) : r.then(q);
      }
      return q;
    }
    String xyAxes = attr(e, "xyaxes", cls);
    if (xyAxes != null) {
      double[] a = numbers(e, "xyaxes", xyAxes, 6, 6);
      double[] x = unit(e, new double[] {a[0], a[1], a[2]});
      double[] y = {a[3], a[4], a[5]};
      double d = dot(x, y);
      y = unit(e, new double[] {y[0] - d * x[0], y[1] - d * x[1], y[2] - d * x[2]});
      return Pose.fromAxes(x, y, cross(x, y));
    }
    String zAxis = attr(e, "zaxis", cls);
    if (zAxis != null) {
      double[] a = numbers(e, "zaxis", zAxis, 3, 3);
      return Pose.zTo(a[0], a[1], a[2]);
    }
    return Pose.IDENTITY;
  }

  private double angle(double value) {
    return degrees ? Math.toRadians(value) : value;
  }

  private double[] unit(Element e, double[] v) {
    double n = Math.sqrt(dot(v, v));
    if (n < 1e-12) {
      throw error(e, "xyaxes has a zero-length or parallel axis");
    }
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  // ---- attributes through default classes ----

  private String classOf(Element e, String inherited) {
    String cls = e.hasAttribute("class") ? e.getAttribute("class") : inherited;
    if (!classes.containsKey(cls) && !cls.equals(MAIN_CLASS)) {
      warnings.add(where(e) + ": class '" + cls + "' is not defined; main's defaults used");
      return MAIN_CLASS;
    }
    return cls;
  }

  /**
   * The element's own attribute, else the value its class (then the class's parents, up to main)
   * gives elements of its tag; null when nothing sets it. A null class means no defaults (bodies
   * and frames have none).
   */
  private String attr(Element e, String name, String cls) {
    if (e.hasAttribute(name)) {
      return e.getAttribute(name);
    }
    if (cls == null) {
      return null;
    }
    for (Element d = classes.get(cls); d != null; d = (Element) d.getUserData("bw.parent")) {
      for (Element setting : children(d)) {
        if (setting.getTagName().equals(e.getTagName()) && setting.hasAttribute(name)) {
          return setting.getAttribute(name);
        }
      }
    }
    return null;
  }

  private double[] numbers(Element e, String attribute, String text, int min, int max) {
    String t = text.strip();
    String[] parts = t.isEmpty() ? new String[0] : t.split("\\s+");
    if (parts.length < min || parts.length > max) {
      throw error(
          e,
          attribute
              + "=\""
              + text
              + "\" needs "
              + (min == max ? min : min + " to " + max)
              + " numbers; it has "
              + parts.length);
    }
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i]);
      } catch (NumberFormatException ex) {
        throw error(e, attribute + "=\"" + text + "\": '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(out[i])) {
        throw error(e, attribute + "=\"" + text + "\": '" + parts[i] + "' is not finite");
      }
    }
    return out;
  }

  private double number(Element e, String attribute, String text) {
    return numbers(e, attribute, text, 1, 1)[0];
  }

  // ---- helpers ----

  private void notDrawn(String what) {
    notDrawn.merge(what, 1, Integer::sum);
  }

  private MjcfLoadException error(Element e, String problem) {
    return new MjcfLoadException(
        LineDom.file(e), LineDom.line(e), "<" + e.getTagName() + "> " + problem);
  }

  private static String where(Element e) {
    return LineDom.file(e) + ", line " + LineDom.line(e);
  }

  private static String label(String name) {
    return name.isEmpty() ? "(unnamed)" : "'" + name + "'";
  }

  /** The folder part of a normalised path ("" for a file at the root). */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * {@code name} resolved against folder {@code dir}, with forward slashes and "." and ".."
   * segments folded; leading ".." segments are kept (outside the scene's folder). An absolute name
   * stays absolute.
   */
  static String normalise(String dir, String name) {
    String n = name.strip().replace('\\', '/');
    boolean absolute = n.startsWith("/") || n.matches("^[A-Za-z]:/.*");
    String joined = absolute || dir.isEmpty() ? n : dir + "/" + n;
    Deque<String> out = new ArrayDeque<>();
    for (String part : joined.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
        out.removeLast();
      } else {
        out.addLast(part);
      }
    }
    String result = String.join("/", out);
    return absolute && n.startsWith("/") ? "/" + result : result;
  }
}
