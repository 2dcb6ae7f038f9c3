package org.benchwright.engine.mjcf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.benchwright.engine.mjcf.SceneModel.Body;
import org.benchwright.engine.mjcf.SceneModel.Flex;
import org.benchwright.engine.mjcf.SceneModel.Geom;
import org.benchwright.engine.mjcf.SceneModel.GeomType;
import org.benchwright.engine.mjcf.SceneModel.HField;
import org.benchwright.engine.mjcf.SceneModel.MeshAsset;
import org.benchwright.engine.mjcf.SceneModel.Rgba;
import org.benchwright.engine.mjcf.SceneModel.Vec3;
import org.benchwright.engine.mjcf.SceneModel.Zone;
import org.benchwright.engine.mjcf.SceneModel.ZoneKind;

/**
 * A scene as MuJoCo compiled it: the {@code scene} object of {@code mjcf-check --duration 0 --scene
 * FILE.xml} (documented in sandbox-images/README.md) read into the viewer's {@link SceneModel}.
 * Bodies carry MuJoCo's world poses at qpos0 and its numbering (so pose tracks match by index),
 * geoms their body-relative pose and MuJoCo sizes, meshes their compiled vertices and faces. Zone
 * markers ({@code zone_*} geoms, geoms of {@code zone_*} bodies) become zones as in the loader.
 *
 * @param model the scene, {@code compiledBy} "MuJoCo VERSION"
 * @param counts the compiled model's sizes as MuJoCo reports them
 */
public record CompiledScene(SceneModel model, String mujocoVersion, Counts counts) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZONE_PREFIX = StaticChecks.ZONE_PREFIX;

  /** {@code nbody} counts the world; a flex is drawn as one node, so drawn = ngeom + nflex. */
  public record Counts(int nbody, int ngeom, int nmesh, int nflex, int nhfield) {}

  /**
   * The export could not be used: not JSON, not a scene report, or inconsistent. The message names
   * the field and says what to do; the viewer shows it and falls back to its own reader.
   */
  public static final class ExportException extends RuntimeException {
    public ExportException(String message) {
      super(message);
    }

    public ExportException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * MuJoCo refused the scene: its compiler's message and line (null when it names none).
   *
   * @param error MuJoCo's message
   */
  public record CompileError(String error, Integer line, String mujocoVersion) {
    /** "MuJoCo 3.14.0 cannot compile scene.xml (line 12): ..." */
    public String describe(String source) {
      return "MuJoCo "
          + (mujocoVersion == null ? "" : mujocoVersion + " ")
          + "cannot compile "
          + source
          + (line == null ? "" : " (line " + line + ")")
          + ": "
          + error;
    }
  }

  /** What reading a report gave: a compiled scene or MuJoCo's compile error. */
  public sealed interface Outcome {}

  /** The scene compiled. */
  public record Compiled(CompiledScene scene) implements Outcome {}

  /** MuJoCo refused it. */
  public record Refused(CompileError error) implements Outcome {}

  /**
   * Reads an mjcf-check report made with {@code --scene}.
   *
   * @param source the main scene file, as {@link SceneModel#source()}
   * @throws ExportException when the report is not one, naming what is wrong
   */
  public static Outcome read(byte[] report, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(report);
    } catch (JsonProcessingException e) {
      throw new ExportException(
          "MuJoCo's scene export is not valid JSON (line "
              + e.getLocation().getLineNr()
              + "): "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ExportException("MuJoCo's scene export cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ExportException(
          "MuJoCo's scene export is empty or not a JSON object"
              + (report.length == 0 ? " (mjcf-check printed nothing)" : ""));
    }
    String version =
        root.path("mujoco_version").isTextual() ? root.get("mujoco_version").asText() : null;
    JsonNode compile = root.path("compile");
    if (compile.isObject() && !compile.path("ok").asBoolean(true)) {
      JsonNode line = compile.path("line");
      return new Refused(
          new CompileError(
              compile.path("error").asText("(no message)"),
              line.isIntegralNumber() ? line.asInt() : null,
              version));
    }
    if ("usage_error".equals(root.path("verdict").asText())) {
      throw new ExportException(
          "the sandbox's mjcf-check does not know --scene (its image predates the compiled view;"
              + " rebuild cad-sim)");
    }
    JsonNode scene = root.get("scene");
    if (scene == null || !scene.isObject()) {
      throw new ExportException(
          "the report has no \"scene\" object (the sandbox's mjcf-check predates --scene;"
              + " rebuild cad-sim)");
    }
    return new Compiled(new Reader(scene, source, version).read());
  }

  /** Walks the scene object; every problem names its field. */
  private static final class Reader {
    private final JsonNode scene;
    private final String source;
    private final String version;
    private final List<String> notDrawn = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Reader(JsonNode scene, String source, String version) {
      this.scene = scene;
      this.source = source;
      this.version = version;
    }

    CompiledScene read() {
      List<Body> bodies = bodies();
      List<MeshAsset> meshes = meshes();
      List<HField> hfields = hfields();
      List<Geom> geoms = new ArrayList<>();
      List<Zone> zones = new ArrayList<>();
      geoms(bodies, meshes, hfields, geoms, zones);
      List<Flex> flexes = flexes();
      JsonNode c = scene.path("counts");
      Counts counts =
          new Counts(
              c.path("nbody").asInt(bodies.size()),
              c.path("ngeom").asInt(geoms.size() + zones.size()),
              c.path("nmesh").asInt(meshes.size()),
              c.path("nflex").asInt(flexes.size()),
              c.path("nhfield").asInt(hfields.size()));
      if (scene.path("truncated").asBoolean(false)) {
        warnings.add(
            "MuJoCo's export was cut short ("
                + scene.path("truncated_reason").asText("no reason given")
                + "): part of the scene is missing");
      }
      String by = "MuJoCo" + (version == null ? "" : " " + version);
      SceneModel model =
          new SceneModel(
              source, bodies, geoms, zones, meshes, notDrawn, warnings, flexes, hfields, by);
      return new CompiledScene(model, version, counts);
    }

    private List<Body> bodies() {
      JsonNode list = array(scene, "bodies", "scene");
      if (list.isEmpty()) {
        throw new ExportException("scene.bodies: empty; MuJoCo always has the world body");
      }
      List<Body> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String where = "scene.bodies[" + i + "]";
        JsonNode b = object(list.get(i), where);
        int parent = i == 0 ? -1 : index(b, "parent", i, where);
        String name = i == 0 ? "world" : name(b);
        out.add(new Body(name, parent, pose(b, where)));
      }
      return out;
    }

    private List<MeshAsset> meshes() {
      JsonNode list = optionalArray(scene, "meshes");
      List<MeshAsset> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String where = "scene.meshes[" + i + "]";
        JsonNode m = object(list.get(i), where);
        float[] v = floats(m, "vertices", where, 3);
        int[] f = ints(m, "faces", where, 3, v.length / 3);
        String name = name(m);
        out.add(MeshAsset.inline(name.isEmpty() ? "mesh#" + i : name, v, f));
      }
      return out;
    }

    private List<HField> hfields() {
      JsonNode list = optionalArray(scene, "hfields");
      List<HField> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String where = "scene.hfields[" + i + "]";
        JsonNode h = object(list.get(i), where);
        int nrow = h.path("nrow").asInt(-1);
        int ncol = h.path("ncol").asInt(-1);
        if (nrow < 1 || ncol < 1) {
          throw new ExportException(where + ": nrow and ncol must be positive integers");
        }
        float[] data = floats(h, "data", where, 1);
        if ((long) nrow * ncol != data.length) {
          throw new ExportException(
              where + ": data has " + data.length + " values for " + nrow + " × " + ncol);
        }
        String name = name(h);
        out.add(
            new HField(
                name.isEmpty() ? "hfield#" + i : name,
                nrow,
                ncol,
                numbers(h, "size", 4, where),
                data));
      }
      return out;
    }

    private void geoms(
        List<Body> bodies,
        List<MeshAsset> meshes,
        List<HField> hfields,
        List<Geom> geoms,
        List<Zone> zones) {
      JsonNode list = array(scene, "geoms", "scene");
      int sdf = 0;
      for (int i = 0; i < list.size(); i++) {
        String where = "scene.geoms[" + i + "]";
        JsonNode g = object(list.get(i), where);
        int body = index(g, "body", bodies.size(), where);
        String typeText = g.path("type").asText("");
        GeomType type = GeomType.of(typeText.toLowerCase(Locale.ROOT));
        Integer mesh = optionalIndex(g, "mesh", meshes.size(), where);
        Integer hfield = optionalIndex(g, "hfield", hfields.size(), where);
        if (type == null && "sdf".equals(typeText) && mesh != null) {
          // An SDF geom's visual is the mesh MuJoCo keeps for it.
          type = GeomType.MESH;
        }
        if (type == null) {
          if ("sdf".equals(typeText)) {
            sdf++;
            continue;
          }
          throw new ExportException(where + ": unknown geom type \"" + typeText + "\"");
        }
        String asset = null;
        if (type == GeomType.MESH) {
          if (mesh == null) {
            throw new ExportException(where + ": a mesh geom needs a mesh index");
          }
          asset = meshes.get(mesh).name();
        } else if (type == GeomType.HFIELD) {
          if (hfield == null) {
            throw new ExportException(where + ": an hfield geom needs an hfield index");
          }
          asset = hfields.get(hfield).name();
        }
        double[] s = numbers(g, "size", 3, where);
        double[] c = numbers(g, "rgba", 4, where);
        String name = name(g);
        Pose local = pose(g, where);
        String zone = zoneName(name, body, bodies);
        if (zone != null) {
          zones.add(
              new Zone(
                  name.isEmpty() ? zone : name,
                  ZoneKind.ofName(zone.substring(ZONE_PREFIX.length())),
                  body,
                  local,
                  halfExtents(type, s)));
          continue;
        }
        geoms.add(
            new Geom(
                name,
                body,
                type,
                local,
                new Vec3(s[0], s[1], s[2]),
                new Rgba(c[0], c[1], c[2], c[3]),
                asset,
                0,
                g.path("group").asInt(0)));
      }
      if (sdf > 0) {
        notDrawn.add(sdf == 1 ? "sdf geom without a mesh" : "sdf geom without a mesh ×" + sdf);
      }
    }

    private List<Flex> flexes() {
      JsonNode list = optionalArray(scene, "flexes");
      List<Flex> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String where = "scene.flexes[" + i + "]";
        JsonNode f = object(list.get(i), where);
        int dim = f.path("dim").asInt(0);
        if (dim < 1 || dim > 3) {
          throw new ExportException(where + ": dim must be 1, 2 or 3, not " + f.path("dim"));
        }
        float[] v = floats(f, "vertices", where, 3);
        int[] e = ints(f, "elements", where, dim + 1, v.length / 3);
        double[] c = numbers(f, "rgba", 4, where);
        String name = name(f);
        out.add(
            new Flex(
                name.isEmpty() ? "flex#" + i : name,
                dim,
                new Rgba(c[0], c[1], c[2], c[3]),
                f.path("radius").asDouble(0),
                v,
                e));
      }
      return out;
    }

    /** The zone a geom marks: its own zone_* name, else that of its nearest zone_* body. */
    private static String zoneName(String name, int body, List<Body> bodies) {
      if (name.startsWith(ZONE_PREFIX)) {
        return name;
      }
      for (int b = body; b > 0; b = bodies.get(b).parent()) {
        if (bodies.get(b).name().startsWith(ZONE_PREFIX)) {
          return bodies.get(b).name();
        }
      }
      return null;
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

    // ---- fields ----

    private static String name(JsonNode n) {
      JsonNode name = n.get("name");
      return name == null || name.isNull() ? "" : name.asText();
    }

    private static Pose pose(JsonNode n, String where) {
      return Pose.of(numbers(n, "pos", 3, where), numbers(n, "quat", 4, where));
    }

    private static JsonNode object(JsonNode n, String where) {
      if (n == null || !n.isObject()) {
        throw new ExportException(where + ": expected an object");
      }
      return n;
    }

    private static JsonNode array(JsonNode n, String field, String where) {
      JsonNode a = n.get(field);
      if (a == null || !a.isArray()) {
        throw new ExportException(where + "." + field + ": missing or not a list");
      }
      return a;
    }

    /** Exporters of older images may leave out the sections a scene does not use. */
    private static JsonNode optionalArray(JsonNode n, String field) {
      JsonNode a = n.get(field);
      if (a == null || a.isNull()) {
        return JSON.createArrayNode();
      }
      if (!a.isArray()) {
        throw new ExportException("scene." + field + ": not a list");
      }
      return a;
    }

    private static int index(JsonNode n, String field, int bound, String where) {
      JsonNode v = n.get(field);
      if (v == null || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() >= bound) {
        throw new ExportException(
            where + "." + field + ": expected an index below " + bound + ", got " + v);
      }
      return v.asInt();
    }

    private static Integer optionalIndex(JsonNode n, String field, int bound, String where) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull() || (v.isIntegralNumber() && v.asInt() == -1)) {
        return null;
      }
      return index(n, field, bound, where);
    }

    private static double[] numbers(JsonNode n, String field, int count, String where) {
      JsonNode a = n.get(field);
      if (a == null || !a.isArray() || a.size() != count) {
        throw new ExportException(
            where + "." + field + ": expected " + count + " numbers, got " + a);
      }
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        JsonNode v = a.get(i);
        if (!v.isNumber()) {
          // mjcf-check writes NaN and infinities as null
          throw new ExportException(
              where + "." + field + "[" + i + "]: not a finite number (" + v + ")");
        }
        out[i] = v.asDouble();
      }
      return out;
    }

    private static float[] floats(JsonNode n, String field, String where, int multiple) {
      JsonNode a = array(n, field, where);
      if (a.size() % multiple != 0) {
        throw new ExportException(
            where + "." + field + ": " + a.size() + " numbers, not a multiple of " + multiple);
      }
      float[] out = new float[a.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode v = a.get(i);
        if (!v.isNumber()) {
          throw new ExportException(
              where + "." + field + "[" + i + "]: not a finite number (" + v + ")");
        }
        out[i] = (float) v.asDouble();
      }
      return out;
    }

    private static int[] ints(JsonNode n, String field, String where, int per, int vertices) {
      JsonNode a = array(n, field, where);
      if (a.size() % per != 0) {
        throw new ExportException(
            where + "." + field + ": " + a.size() + " indices, not a multiple of " + per);
      }
      int[] out = new int[a.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode v = a.get(i);
        if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() >= vertices) {
          throw new ExportException(
              where
                  + "."
                  + field
                  + "["
                  + i
                  + "]: "
                  + v
                  + " is not a vertex index (there are "
                  + vertices
                  + ")");
        }
        out[i] = v.asInt();
      }
      return out;
    }
  }
}
