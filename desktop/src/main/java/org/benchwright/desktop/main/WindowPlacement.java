package org.benchwright.desktop.main;

import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window opens: its bounds on the desktop (the window's outer edges, in the screens'
 * coordinates) and whether it is maximized. {@link #place} decides it from the screens and what the
 * last launch remembered; it is a pure function, so it is tested without a screen.
 *
 * @param x left edge
 * @param y top edge
 * @param width outer width
 * @param height outer height
 * @param maximized whether the window is maximized; the bounds are then those it returns to
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {

  /** The share of the primary screen's usable area a window opened the first time takes. */
  static final double SHARE = 0.9;

  /** On a big screen the first window stays a comfortable size instead of filling it. */
  static final double MAX_WIDTH = 1920;

  static final double MAX_HEIGHT = 1200;

  /** The window's minimum size (set on the stage too). */
  static final double MIN_WIDTH = 800;

  static final double MIN_HEIGHT = 500;

  /**
   * A remembered window is used again only when at least this share of it (or of the screen, for a
   * window bigger than the screen) lies on one screen; less than that and the screen it was on has
   * gone (a monitor unplugged, a resolution changed).
   */
  static final double MIN_VISIBLE_SHARE = 0.5;

  /**
   * Where the window opens.
   *
   * @param screens the usable area of each screen (visual bounds, without task bars or docks), the
   *     primary screen first
   * @param remembered where the window was when the app last closed, or null
   */
  public static WindowPlacement place(List<Rectangle2D> screens, WindowPlacement remembered) {
    if (screens.isEmpty()) {
      throw new IllegalArgumentException("no screen");
    }
    if (remembered != null && remembered.isUsable()) {
      Rectangle2D window = remembered.bounds();
      Rectangle2D best = null;
      double bestShare = 0;
      for (Rectangle2D screen : screens) {
        double share = visibleShare(window, screen);
        if (share > bestShare) {
          best = screen;
          bestShare = share;
        }
      }
      if (best != null && bestShare >= MIN_VISIBLE_SHARE) {
        return within(best, remembered);
      }
      // Its screen has gone: the default size on the primary screen, maximized if it was.
      WindowPlacement fitted = fitted(screens.getFirst());
      return new WindowPlacement(
          fitted.x, fitted.y, fitted.width, fitted.height, remembered.maximized());
    }
    return fitted(screens.getFirst());
  }

  /** The first-launch placement: {@link #SHARE} of the screen, at most the maximum, centred. */
  static WindowPlacement fitted(Rectangle2D screen) {
    double w = Math.min(screen.getWidth(), clamp(screen.getWidth() * SHARE, MIN_WIDTH, MAX_WIDTH));
    double h =
        Math.min(screen.getHeight(), clamp(screen.getHeight() * SHARE, MIN_HEIGHT, MAX_HEIGHT));
    return new WindowPlacement(
        Math.round(screen.getMinX() + (screen.getWidth() - w) / 2),
        Math.round(screen.getMinY() + (screen.getHeight() - h) / 2),
        Math.round(w),
        Math.round(h),
        false);
  }

  /** The window moved (and shrunk, if it must be) so all of it is on {@code screen}. */
  private static WindowPlacement within(Rectangle2D screen, WindowPlacement p) {
    double w = Math.min(p.width, screen.getWidth());
    double h = Math.min(p.height, screen.getHeight());
    double x = clamp(p.x, screen.getMinX(), screen.getMaxX() - w);
    double y = clamp(p.y, screen.getMinY(), screen.getMaxY() - h);
    return new WindowPlacement(x, y, w, h, p.maximized);
  }

  /** Finite, and at least the minimum size (anything else is a damaged or foreign record). */
  boolean isUsable() {
    return Double.isFinite(x)
        && Double.isFinite(y)
        && Double.isFinite(width)
        && Double.isFinite(height)
        && width >= MIN_WIDTH
        && height >= MIN_HEIGHT;
  }

  Rectangle2D bounds() {
    return new Rectangle2D(x, y, width, height);
  }

  /** How much of the window is on the screen, as a share of the smaller of the two. */
  private static double visibleShare(Rectangle2D window, Rectangle2D screen) {
    double smaller =
        Math.min(window.getWidth() * window.getHeight(), screen.getWidth() * screen.getHeight());
    return smaller <= 0 ? 0 : overlap(window, screen) / smaller;
  }

  private static double overlap(Rectangle2D a, Rectangle2D b) {
    double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
    double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
    return w > 0 && h > 0 ? w * h : 0;
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }
}
