package org.benchwright.desktop.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Shape3D;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;
import org.benchwright.engine.mjcf.Pose;
import org.benchwright.engine.mjcf.SceneModel;
import org.benchwright.engine.mjcf.SceneModel.Geom;
import org.benchwright.engine.mjcf.SceneModel.Rgba;
import org.benchwright.engine.mjcf.SceneModel.Zone;
import org.benchwright.engine.mjcf.SceneModel.ZoneKind;

/**
 * JavaFX nodes for a loaded scene, in MuJoCo's coordinates (the camera makes z point up): one group
 * per body carrying the body's world pose (so playback moves a body by replacing one transform),
 * the geoms in it at their local poses, then the zones as translucent boxes (added last: JavaFX
 * blends in drawing order), and infinite planes sized to the scene around them. FX thread only.
 */
final class SceneNodes {

  static final Color GOAL = Color.color(0.1, 0.85, 0.2, 0.35);
  static final Color FORBID = Color.color(0.95, 0.1, 0.1, 0.35);
  static final Color BUILD = Color.color(0.75, 0.75, 0.75, 0.22);

  /** Facets of round primitives: smooth enough on screen, cheap for scenes of many geoms. */
  private static final int DIVISIONS = 48;

  final Group root = new Group();
  final Affine[] bodyTransforms;

  /** Bounds of everything but infinite planes, in world coordinates; null for an empty scene. */
  final Bounds bounds;

  /** Nodes made for the model's geoms and zones, hidden ones (groups 3–5, alpha 0) included. */
  final int geomNodes;

  /** Of those, the ones hidden as MuJoCo's viewer hides them by default. */
  final int hiddenGeoms;

  /** Nodes made for flexes: one each. */
  final int flexNodes;

  private final List<Node> zoneNodes = new ArrayList<>();

  SceneNodes(LoadedScene loaded) {
    SceneModel model = loaded.model();
    int n = model.bodies().size();
    bodyTransforms = new Affine[n];
    Group[] bodyGroups = new Group[n];
    Group bodiesGroup = new Group();
    for (int b = 0; b < n; b++) {
      bodyTransforms[b] = affine(model.body(b).world());
      bodyGroups[b] = new Group();
      bodyGroups[b].getTransforms().add(bodyTransforms[b]);
      bodiesGroup.getChildren().add(bodyGroups[b]);
    }
    List<Geom> infinitePlanes = new ArrayList<>();
    List<Node> hidden = new ArrayList<>();
    List<Group> hiddenParents = new ArrayList<>();
    int made = 0;
    for (Geom g : model.geoms()) {
      if (g.infinitePlane()) {
        infinitePlanes.add(g);
        continue;
      }
      Node node = geom(g, model, loaded.meshes());
      if (node != null) {
        made++;
        node.setId("geom-" + (g.name().isEmpty() ? "unnamed" : g.name()));
        if (g.visibleByDefault()) {
          bodyGroups[g.body()].getChildren().add(node);
        } else {
          // Added after the bounds are taken: hidden collision geometry must not stretch the fit.
          node.setVisible(false);
          hidden.add(node);
          hiddenParents.add(bodyGroups[g.body()]);
        }
      }
    }
    Group flexGroup = new Group();
    for (SceneModel.Flex f : model.flexes()) {
      Node node = flex(f);
      node.setId("flex-" + f.name());
      flexGroup.getChildren().add(node);
    }
    flexNodes = flexGroup.getChildren().size();
    bodiesGroup.getChildren().add(flexGroup);
    Group zonesGroup = new Group();
    for (Zone z : model.zones()) {
      Box box = new Box(2 * z.halfExtents().x(), 2 * z.halfExtents().y(), 2 * z.halfExtents().z());
      box.setMaterial(material(zoneColour(z.kind())));
      box.getTransforms().add(affine(model.worldPose(z.body(), z.local())));
      box.setId("zone-" + z.name());
      box.getStyleClass().add("zone-" + z.kind().name().toLowerCase(java.util.Locale.ROOT));
      zonesGroup.getChildren().add(box);
      zoneNodes.add(box);
    }
    root.getChildren().addAll(bodiesGroup, zonesGroup);
    Bounds b = root.getBoundsInLocal();
    bounds = b.isEmpty() ? null : b;
    for (int i = 0; i < hidden.size(); i++) {
      hiddenParents.get(i).getChildren().add(hidden.get(i));
    }
    hiddenGeoms =
        hidden.size() + (int) infinitePlanes.stream().filter(g -> !g.visibleByDefault()).count();
    geomNodes = made + infinitePlanes.size() + zoneNodes.size();
    double reach = 1;
    if (bounds != null) {
      reach =
          Math.max(
              reach,
              2
                  * Math.max(
                      Math.max(Math.abs(bounds.getMinX()), Math.abs(bounds.getMaxX())),
                      Math.max(Math.abs(bounds.getMinY()), Math.abs(bounds.getMaxY()))));
    }
    for (Geom g : infinitePlanes) {
      Node plane = plane(g, reach);
      plane.getTransforms().add(0, affine(model.worldPose(g.body(), g.local())));
      plane.setId("geom-" + (g.name().isEmpty() ? "unnamed" : g.name()));
      plane.setVisible(g.visibleByDefault());
      // Drawn first: opaque ground under everything, before translucent zones.
      root.getChildren().add(0, plane);
    }
  }

  /** The zone boxes, in the scene's order. */
  List<Node> zones() {
    return zoneNodes;
  }

  /** Moves body {@code index} to a world pose (pose playback). */
  void setBodyPose(int index, Pose p) {
    if (index > 0 && index < bodyTransforms.length) {
      set(bodyTransforms[index], p);
    }
  }

  private static Color zoneColour(ZoneKind kind) {
    return switch (kind) {
      case GOAL -> GOAL;
      case FORBID -> FORBID;
      case BUILD -> BUILD;
    };
  }

  private static Node geom(Geom g, SceneModel model, Map<String, MeshData> meshes) {
    double a = g.size().x();
    double b = g.size().y();
    double c = g.size().z();
    PhongMaterial m = material(colour(g.rgba()));
    Node node =
        switch (g.type()) {
          case BOX -> shape(new Box(2 * a, 2 * b, 2 * c), m);
          case SPHERE -> shape(new Sphere(a, DIVISIONS), m);
          case ELLIPSOID -> {
            Sphere s = shape(new Sphere(1, DIVISIONS), m);
            s.getTransforms().add(new Scale(a, b, c));
            yield s;
          }
          case CYLINDER -> alongZ(shape(new Cylinder(a, 2 * b, DIVISIONS), m));
          case CAPSULE -> {
            Sphere top = shape(new Sphere(a, DIVISIONS), m);
            top.setTranslateZ(b);
            Sphere bottom = shape(new Sphere(a, DIVISIONS), m);
            bottom.setTranslateZ(-b);
            yield new Group(alongZ(shape(new Cylinder(a, 2 * b, DIVISIONS), m)), top, bottom);
          }
          case PLANE -> plane(g, 0);
          case MESH -> mesh(meshes.get(g.mesh()), model.mesh(g.mesh()), m);
          case HFIELD -> hfield(model.hfield(g.mesh()), m);
        };
    if (node == null) {
      return null;
    }
    node.getTransforms().add(0, affine(g.local()));
    return node;
  }

  /** A MeshView of the mesh in its own units; the geom adds the asset's scale. */
  static MeshView meshView(MeshData data, PhongMaterial m) {
    TriangleMesh mesh = new TriangleMesh();
    mesh.getPoints().setAll(data.points());
    mesh.getTexCoords().setAll(0, 0);
    mesh.getFaces().setAll(data.faces());
    mesh.getFaceSmoothingGroups().setAll(data.smoothingGroups());
    MeshView view = new MeshView(mesh);
    view.setMaterial(m);
    // Files from the wild wind some triangles the wrong way: draw both sides rather than holes.
    view.setCullFace(CullFace.NONE);
    return view;
  }

  /** The asset's scale applies to its vertices, before the geom's pose. */
  private static Node mesh(MeshData data, SceneModel.MeshAsset asset, PhongMaterial m) {
    if (data == null) {
      return null;
    }
    MeshView view = meshView(data, m);
    if (asset != null) {
      view.getTransforms().add(new Scale(asset.scale().x(), asset.scale().y(), asset.scale().z()));
    }
    return view;
  }

  /**
   * A height field's surface: a grid over ±radius x, ±radius y with each elevation (0..1) scaled by
   * the elevation size, as MuJoCo places it in the geom's frame (the base below is not drawn).
   */
  private static Node hfield(SceneModel.HField h, PhongMaterial m) {
    if (h == null || h.nrow() < 2 || h.ncol() < 2) {
      return null;
    }
    int nr = h.nrow();
    int nc = h.ncol();
    float[] points = new float[nr * nc * 3];
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        int i = (r * nc + c) * 3;
        points[i] = (float) (h.size()[0] * (2.0 * c / (nc - 1) - 1));
        points[i + 1] = (float) (h.size()[1] * (2.0 * r / (nr - 1) - 1));
        points[i + 2] = (float) (h.size()[2] * h.data()[r * nc + c]);
      }
    }
    int[] tris = new int[(nr - 1) * (nc - 1) * 6];
    int t = 0;
    for (int r = 0; r < nr - 1; r++) {
      for (int c = 0; c < nc - 1; c++) {
        int a = r * nc + c;
        int b = a + 1;
        int d = a + nc;
        int e = d + 1;
        tris[t++] = a;
        tris[t++] = b;
        tris[t++] = e;
        tris[t++] = a;
        tris[t++] = e;
        tris[t++] = d;
      }
    }
    return meshView(MeshData.of(points, tris), m);
  }

  /**
   * A flex in world coordinates: its triangles (dim 2), the outer faces of its tetrahedra (dim 3,
   * faces shared by two tetrahedra are inside), or a thin cylinder per segment (dim 1).
   */
  static Node flex(SceneModel.Flex f) {
    PhongMaterial m = material(colour(f.rgba()));
    float[] v = f.vertices();
    int[] e = f.elements();
    if (f.dim() == 1) {
      Group g = new Group();
      double radius = f.radius() > 0 ? f.radius() : 0.002;
      for (int i = 0; i + 1 < e.length; i += 2) {
        g.getChildren().add(segment(v, e[i], e[i + 1], radius, m));
      }
      return g;
    }
    int[] tris;
    if (f.dim() == 2) {
      tris = e;
    } else {
      Map<String, int[]> faces = new java.util.LinkedHashMap<>();
      Map<String, Integer> seen = new java.util.HashMap<>();
      int[][] sides = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};
      for (int i = 0; i + 3 < e.length; i += 4) {
        for (int[] s : sides) {
          int[] tri = {e[i + s[0]], e[i + s[1]], e[i + s[2]]};
          int[] key = tri.clone();
          java.util.Arrays.sort(key);
          String k = key[0] + ":" + key[1] + ":" + key[2];
          seen.merge(k, 1, Integer::sum);
          faces.putIfAbsent(k, tri);
        }
      }
      List<Integer> out = new ArrayList<>();
      faces.forEach(
          (k, tri) -> {
            if (seen.get(k) == 1) {
              for (int x : tri) {
                out.add(x);
              }
            }
          });
      tris = out.stream().mapToInt(Integer::intValue).toArray();
    }
    return meshView(MeshData.of(v, tris), m);
  }

  private static Node segment(float[] v, int a, int b, double radius, PhongMaterial m) {
    double ax = v[3 * a];
    double ay = v[3 * a + 1];
    double az = v[3 * a + 2];
    double dx = v[3 * b] - ax;
    double dy = v[3 * b + 1] - ay;
    double dz = v[3 * b + 2] - az;
    double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
    Cylinder c = shape(new Cylinder(radius, Math.max(len, 1e-9), 8), m);
    Pose p = zTo(dx, dy, dz).at(ax + dx / 2, ay + dy / 2, az + dz / 2);
    c.getTransforms().addAll(affine(p), new Rotate(90, Rotate.X_AXIS));
    return c;
  }

  /** The rotation taking +z to (dx, dy, dz). */
  private static Pose zTo(double dx, double dy, double dz) {
    double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
    double s = Math.hypot(dx, dy);
    if (n < 1e-12 || s < 1e-12 * n) {
      return dz >= 0 ? Pose.IDENTITY : new Pose(0, 0, 0, 0, 1, 0, 0);
    }
    return Pose.rotation(-dy, dx, 0, Math.atan2(s, dz));
  }

  /** JavaFX cylinders run along y; MuJoCo's along z. */
  private static Node alongZ(Cylinder c) {
    c.getTransforms().add(new Rotate(90, Rotate.X_AXIS));
    return c;
  }

  /** A plane as a thin slab whose top face is z = 0 of its frame. */
  private static Node plane(Geom g, double reach) {
    double hx = g.size().x() > 0 ? g.size().x() : reach;
    double hy = g.size().y() > 0 ? g.size().y() : reach;
    double t = Math.max(hx, hy) * 1e-3;
    Box slab = shape(new Box(2 * hx, 2 * hy, t), material(colour(g.rgba())));
    slab.setTranslateZ(-t / 2);
    return slab;
  }

  private static <T extends Shape3D> T shape(T s, PhongMaterial m) {
    s.setMaterial(m);
    return s;
  }

  static PhongMaterial material(Color c) {
    PhongMaterial m = new PhongMaterial(c);
    m.setSpecularColor(Color.gray(0.25));
    return m;
  }

  private static Color colour(Rgba rgba) {
    return Color.color(clamp(rgba.r()), clamp(rgba.g()), clamp(rgba.b()), clamp(rgba.a()));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  static Affine affine(Pose p) {
    Affine a = new Affine();
    set(a, p);
    return a;
  }

  private static void set(Affine a, Pose p) {
    double[] m = p.matrix();
    a.setToTransform(m[0], m[1], m[2], p.x(), m[3], m[4], m[5], p.y(), m[6], m[7], m[8], p.z());
  }
}
