package org.benchwright.engine.mjcf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.mjcf.BenchmarkScene.Box;
import org.benchwright.engine.mjcf.BenchmarkScene.Constraints;
import org.benchwright.engine.mjcf.BenchmarkScene.MovedObject;
import org.benchwright.engine.mjcf.BenchmarkScene.Zone;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * docs/domain.md's static checks of one seed, before any simulation: the zones are consistent, the
 * moved object can start without touching a forbid zone or the goal, it exists in the scene, names
 * are unique, zone markers do not collide, and the constraints make sense. Decisions in
 * docs/decisions/0011-benchmark-static-checks.md.
 *
 * <p>Parts overlapping each other or the moved object at t=0 are left to mjcf-check in the sandbox:
 * only MuJoCo's collision detection (meshes, contact filtering) can say it exactly.
 */
public final class StaticChecks {

  static final String ZONE_PREFIX = "zone_";

  private StaticChecks() {}

  /** The violations found, each a sentence; empty when the seed passes. */
  public static List<String> check(BenchmarkScene scene, byte[] sceneXml) {
    List<String> violations = new ArrayList<>();
    zones(scene, violations);
    start(scene, violations);
    constraints(scene.constraints(), violations);
    MjcfScene mjcf;
    try {
      mjcf = MjcfScene.read(sceneXml);
    } catch (SAXParseException e) {
      violations.add(
          "scene.xml cannot be read (line " + e.getLineNumber() + "): " + e.getMessage());
      return violations;
    } catch (SAXException e) {
      violations.add("scene.xml cannot be read: " + e.getMessage());
      return violations;
    }
    movedBody(scene.movedObject(), mjcf, violations);
    uniqueNames("bodies", mjcf.bodies(), violations);
    uniqueNames("geoms", mjcf.geoms(), violations);
    zoneMarkers(mjcf, violations);
    return violations;
  }

  private static void zones(BenchmarkScene s, List<String> v) {
    for (Zone z : s.forbidZones()) {
      if (s.goalZone().touches(z.box())) {
        v.add("The goal zone overlaps forbid zone '" + z.name() + "'.");
      }
    }
    // Reachability is decided by overlap only: see ADR 0011.
    if (!s.goalZone().touches(s.buildZone())) {
      v.add(
          "The goal zone lies outside the build zone (goal "
              + s.goalZone()
              + ", build "
              + s.buildZone()
              + ").");
    }
  }

  private static void start(BenchmarkScene s, List<String> v) {
    MovedObject m = s.movedObject();
    Box region = m.startRegion();
    String described =
        "The moved object's start region (start ± jitter, grown by its radius "
            + m.boundingRadius()
            + " m: "
            + region
            + ")";
    for (Zone z : s.forbidZones()) {
      if (region.touches(z.box())) {
        v.add(described + " touches forbid zone '" + z.name() + "'.");
      }
    }
    if (region.touches(s.goalZone())) {
      v.add(described + " touches the goal zone: the object could start in the goal.");
    }
  }

  private static void constraints(Constraints c, List<String> v) {
    positive("constraints.max_unit_cost", c.maxUnitCost(), v);
    positive("constraints.max_weight_kg", c.maxWeightKg(), v);
    positive("constraints.target_quantity", c.targetQuantity(), v);
    // An expected solution over its own caps means the planner's numbers contradict each other.
    if (c.estimatedCost() > c.maxUnitCost()) {
      v.add(
          "The planner's estimated cost "
              + c.estimatedCost()
              + " exceeds constraints.max_unit_cost "
              + c.maxUnitCost()
              + ".");
    }
    if (c.estimatedWeightKg() > c.maxWeightKg()) {
      v.add(
          "The planner's estimated weight "
              + c.estimatedWeightKg()
              + " kg exceeds constraints.max_weight_kg "
              + c.maxWeightKg()
              + ".");
    }
  }

  private static void positive(String field, Number value, List<String> v) {
    if (!(value.doubleValue() > 0)) {
      v.add(field + " must be positive; it is " + value + ".");
    }
  }

  private static void movedBody(MovedObject m, MjcfScene mjcf, List<String> v) {
    boolean found = mjcf.bodies().stream().anyMatch(b -> b.getAttribute("name").equals(m.body()));
    if (!found) {
      v.add("The moved object's body '" + m.body() + "' is not a body of scene.xml.");
    }
  }

  private static void uniqueNames(String kinds, List<Element> elements, List<String> v) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Element e : elements) {
      if (e.hasAttribute("name")) {
        counts.merge(e.getAttribute("name"), 1, Integer::sum);
      }
    }
    counts.forEach(
        (name, n) -> {
          if (n > 1) {
            v.add(n + " " + kinds + " are named '" + name + "'; names must be unique.");
          }
        });
  }

  /**
   * Names starting with zone_ mark zones drawn in the scene; such a marker must not take part in
   * contacts, or the payload would bounce off the goal it should enter.
   */
  private static void zoneMarkers(MjcfScene mjcf, List<String> v) {
    String fix = " (set contype=\"0\" conaffinity=\"0\").";
    for (Element g : mjcf.geoms()) {
      if (isZone(g) && mjcf.collides(g)) {
        v.add("Geom " + label(g) + " uses the reserved prefix zone_ but collides" + fix);
      }
    }
    for (Element b : mjcf.bodies()) {
      for (Element g : isZone(b) ? MjcfScene.geomsUnder(b) : List.<Element>of()) {
        if (mjcf.collides(g)) {
          v.add(
              "Body "
                  + label(b)
                  + " uses the reserved prefix zone_ but its geom "
                  + label(g)
                  + " collides"
                  + fix);
        }
      }
    }
    for (Element pair : mjcf.pairs()) {
      for (String geom : List.of(pair.getAttribute("geom1"), pair.getAttribute("geom2"))) {
        if (geom.startsWith(ZONE_PREFIX)) {
          v.add("A contact pair makes zone marker '" + geom + "' collide; markers must not.");
        }
      }
    }
  }

  private static boolean isZone(Element e) {
    return e.getAttribute("name").startsWith(ZONE_PREFIX);
  }

  private static String label(Element e) {
    String name = e.getAttribute("name");
    return name.isEmpty() ? "(unnamed)" : "'" + name + "'";
  }
}
