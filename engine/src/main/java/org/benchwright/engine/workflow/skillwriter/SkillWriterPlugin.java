package org.benchwright.engine.workflow.skillwriter;

import java.util.List;
import org.benchwright.engine.agent.Epilogue;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.WorkflowPlugin;

/**
 * Skill learning for every workflow: the skill tools (search_skills and read_skill for any node,
 * write_skill for the skill-writer) and the skill-writer epilogue a workflow names to learn from
 * its runs (docs/decisions/0018-skills.md).
 */
public final class SkillWriterPlugin implements WorkflowPlugin {

  @Override
  public List<Tool> tools() {
    return SkillTools.all();
  }

  @Override
  public List<Epilogue> epilogues() {
    return List.of(new SkillWriter());
  }
}
