package org.benchwright.desktop.viewer;

import javafx.geometry.Bounds;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SubScene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;

/**
 * A camera orbiting a target in a z-up world, as MuJoCo's viewer: azimuth about world z, elevation
 * above the xy plane, distance to the target. Dragging orbits, shift-drag or the right/middle
 * button pans, the wheel zooms. A headlight travels with the camera so the side facing the user is
 * always lit.
 */
final class OrbitCamera {

  static final double FIELD_OF_VIEW = 35;

  final PerspectiveCamera camera = new PerspectiveCamera(true);

  /** Camera and headlight, placed by one transform. */
  final Group rig = new Group();

  private final Affine placement = new Affine();
  private double targetX;
  private double targetY;
  private double targetZ;
  private double distance = 3;
  private double azimuth = -55;
  private double elevation = 28;
  private double lastX;
  private double lastY;

  OrbitCamera() {
    camera.setFieldOfView(FIELD_OF_VIEW);
    PointLight head = new PointLight(Color.gray(0.75));
    AmbientLight ambient = new AmbientLight(Color.gray(0.42));
    rig.getChildren().addAll(camera, head, ambient);
    rig.getTransforms().add(placement);
    update();
  }

  /** Listens to the mouse on {@code view}. */
  void attach(SubScene view) {
    view.setCamera(camera);
    view.addEventHandler(
        MouseEvent.MOUSE_PRESSED,
        e -> {
          lastX = e.getSceneX();
          lastY = e.getSceneY();
          view.requestFocus();
        });
    view.addEventHandler(
        MouseEvent.MOUSE_DRAGGED,
        e -> {
          double dx = e.getSceneX() - lastX;
          double dy = e.getSceneY() - lastY;
          lastX = e.getSceneX();
          lastY = e.getSceneY();
          boolean pan = e.isShiftDown() || e.getButton() != MouseButton.PRIMARY;
          if (pan) {
            pan(dx, dy, view.getHeight());
          } else {
            orbit(dx, dy);
          }
        });
    view.addEventHandler(ScrollEvent.SCROLL, e -> zoom(e.getDeltaY()));
  }

  void orbit(double dx, double dy) {
    azimuth -= dx * 0.4;
    elevation = Math.max(-89, Math.min(89, elevation + dy * 0.4));
    update();
  }

  /** Moves the target by a drag of (dx, dy) pixels in a view {@code height} pixels tall. */
  void pan(double dx, double dy, double height) {
    double perPixel =
        2 * distance * Math.tan(Math.toRadians(FIELD_OF_VIEW / 2)) / Math.max(1, height);
    double[] b = basis();
    // Right is b[0..2], screen-up is b[3..5]: the scene follows the mouse.
    targetX += (-dx * b[0] + dy * b[3]) * perPixel;
    targetY += (-dx * b[1] + dy * b[4]) * perPixel;
    targetZ += (-dx * b[2] + dy * b[5]) * perPixel;
    update();
  }

  void zoom(double wheelDelta) {
    distance = Math.max(1e-4, distance * Math.exp(-wheelDelta * 0.002));
    update();
  }

  /** Looks at the centre of {@code bounds} from far enough that all of it is in view. */
  void fit(Bounds bounds) {
    if (bounds == null || bounds.isEmpty()) {
      return;
    }
    targetX = (bounds.getMinX() + bounds.getMaxX()) / 2;
    targetY = (bounds.getMinY() + bounds.getMaxY()) / 2;
    targetZ = (bounds.getMinZ() + bounds.getMaxZ()) / 2;
    double radius =
        0.5 * Math.sqrt(sq(bounds.getWidth()) + sq(bounds.getHeight()) + sq(bounds.getDepth()));
    radius = Math.max(radius, 1e-3);
    distance = radius / Math.sin(Math.toRadians(FIELD_OF_VIEW / 2)) * 1.05;
    update();
  }

  double distance() {
    return distance;
  }

  private static double sq(double v) {
    return v * v;
  }

  /** Camera right (0..2), screen-up (3..5) and forward (6..8) in world coordinates. */
  private double[] basis() {
    double az = Math.toRadians(azimuth);
    double el = Math.toRadians(elevation);
    // Direction from the target to the camera.
    double ox = Math.cos(el) * Math.cos(az);
    double oy = Math.cos(el) * Math.sin(az);
    double oz = Math.sin(el);
    double fx = -ox;
    double fy = -oy;
    double fz = -oz;
    // right = forward × world-up(z), normalised; up = right × forward
    double rx = fy;
    double ry = -fx;
    double rn = Math.hypot(rx, ry);
    rx /= rn;
    ry /= rn;
    double rz = 0;
    double ux = ry * fz - rz * fy;
    double uy = rz * fx - rx * fz;
    double uz = rx * fy - ry * fx;
    return new double[] {rx, ry, rz, ux, uy, uz, fx, fy, fz};
  }

  private void update() {
    double[] b = basis();
    double px = targetX - b[6] * distance;
    double py = targetY - b[7] * distance;
    double pz = targetZ - b[8] * distance;
    // JavaFX cameras look along their +z with +y pointing down the screen: columns are
    // right, -up, forward.
    placement.setToTransform(b[0], -b[3], b[6], px, b[1], -b[4], b[7], py, b[2], -b[5], b[8], pz);
    camera.setNearClip(Math.max(1e-5, distance * 0.01));
    camera.setFarClip(distance * 100);
  }
}
