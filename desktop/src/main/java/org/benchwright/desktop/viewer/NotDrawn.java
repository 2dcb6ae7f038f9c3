package org.benchwright.desktop.viewer;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of a scene's "not drawn" entries the viewer lists (issue 18).
 *
 * <p>The rule: an entry is listed when it names <em>geometry</em> the scene defines that is missing
 * from the picture — a geom of a type the viewer cannot draw, geoms in the hidden groups 3–5 (the
 * viewer has no group toggle, so they cannot be seen any other way), sites, tendons, flexes and
 * skins, plugins, an attached model that could not be read, and any element this list does not
 * know. It is left out when it names something MuJoCo's own viewer does not draw either, because it
 * is not geometry: simulation settings and physics ({@code option}, {@code compiler}, {@code size},
 * {@code actuator}, {@code sensor}, {@code contact}, {@code keyframe}…), kinematics and mass
 * ({@code joint}, {@code inertial}), {@code light} and {@code camera}, and assets that only feed a
 * drawn geom ({@code texture}, {@code material}; an {@code hfield} asset, whose geom is listed on
 * its own when it is not drawn). A fully transparent geom is left out too: its author made it
 * invisible, so nothing is missing. Listing those would bury the entries that explain a gap in the
 * picture among entries that never could; leaving unknown names in keeps the rule conservative — it
 * never hides missing geometry.
 */
final class NotDrawn {

  /** Element names (the entry without counts or "(in model)") that are never geometry. */
  static final Set<String> NEVER_GEOMETRY =
      Set.of(
          // sections of settings and behaviour
          "option",
          "compiler",
          "size",
          "visual",
          "statistic",
          "default",
          "custom",
          "contact",
          "equality",
          "actuator",
          "sensor",
          "keyframe",
          "extension",
          // in bodies
          "light",
          "camera",
          "joint",
          "freejoint",
          "inertial",
          // assets that colour or shape geoms that are listed on their own
          "texture",
          "material",
          "hfield",
          "numeric",
          "text",
          "tuple",
          // drawn by nobody: its own rgba hides it
          "fully transparent geom");

  // "light ×2", "joint (in robot)", "extension (3 elements)", "<option>".
  private static final Pattern COUNT = Pattern.compile(" ×\\d+$");
  private static final Pattern QUALIFIER = Pattern.compile(" \\([^()]*\\)$");

  private NotDrawn() {}

  /** The entries to list, in their order. */
  static List<String> worthListing(List<String> entries) {
    return entries.stream().filter(NotDrawn::isWorthListing).toList();
  }

  static boolean isWorthListing(String entry) {
    return !NEVER_GEOMETRY.contains(element(entry));
  }

  /** The element an entry names: without its count, qualifiers and angle brackets. */
  static String element(String entry) {
    String e = COUNT.matcher(entry.strip()).replaceFirst("");
    String before;
    do {
      before = e;
      e = QUALIFIER.matcher(e).replaceFirst("");
      e = COUNT.matcher(e).replaceFirst("");
    } while (!e.equals(before));
    if (e.startsWith("<") && e.endsWith(">")) {
      e = e.substring(1, e.length() - 1);
    }
    return e;
  }
}
