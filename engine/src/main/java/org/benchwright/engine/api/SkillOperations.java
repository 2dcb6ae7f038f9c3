package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.benchwright.engine.project.Skills.SkillVersion;
import org.benchwright.engine.skills.SkillHit;
import org.benchwright.engine.skills.SkillLibrary;

/**
 * The skill library: the hybrid search the desktop's browser and the agents' tool use, and reads.
 */
final class SkillOperations {

  private SkillOperations() {}

  static void register(Routes r, Service s) {
    r.get("/skills", "searchSkills", call -> search(s, call));
    r.get("/skills/{skillId}", "getSkill", call -> read(s, call));
  }

  private static Reply search(Service s, Call call) {
    int limit = call.queryLong("limit").map(Long::intValue).orElse(50);
    List<SkillHit> hits = SkillLibrary.of(s.project()).search(call.query("q").orElse(""), limit);
    ObjectNode body = ApiServer.JSON.createObjectNode();
    var array = body.putArray("skills");
    for (SkillHit h : hits) {
      SkillVersion v = h.skill();
      ObjectNode n = array.addObject();
      n.put("name", v.name());
      n.put("version", v.version());
      n.put("title", v.title());
      n.put("score", h.score());
      n.put("semantic", h.semantic());
      n.put("keyword", h.keyword());
      n.put("originRun", v.originRunId());
      n.put("createdAt", v.createdAt().toString());
    }
    return Reply.ok(body);
  }

  private static Reply read(Service s, Call call) {
    String name = call.pathString("skillId");
    SkillLibrary library = SkillLibrary.of(s.project());
    var version = call.queryLong("version");
    SkillVersion v =
        (version.isPresent() ? library.read(name, version.get().intValue()) : library.read(name))
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        version.isPresent() && library.read(name).isPresent()
                            ? "Skill '" + name + "' has no version " + version.get() + "."
                            : "No skill named '" + name + "' in this project."));
    ObjectNode n = ApiServer.JSON.createObjectNode();
    n.put("name", v.name());
    n.put("version", v.version());
    n.put("versions", library.history(name).size());
    n.put("title", v.title());
    n.put("markdown", v.markdown());
    n.put("originRun", v.originRunId());
    n.put("createdAt", v.createdAt().toString());
    var assets = n.putArray("assets");
    v.assets().forEach(a -> assets.addObject().put("name", a.name()).put("sha256", a.blobSha()));
    return Reply.ok(n);
  }
}
