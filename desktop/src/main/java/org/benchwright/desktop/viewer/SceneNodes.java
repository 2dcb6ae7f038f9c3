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
    for (Geom g : model.geoms()) {
      if (g.type() == SceneModel.GeomType.PLANE && (g.size().x() <= 0 || g.size().y() <= 0)) {
        infinitePlanes.add(g);
        continue;
      }
      Node node = geom(g, model, loaded.meshes());
      if (node != null) {
        node.setId("geom-" + (g.name().isEmpty() ? "unnamed" : g.name()));
        bodyGroups[g.body()].getChildren().add(node);
      }
    }
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
