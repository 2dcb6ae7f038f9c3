package org.benchwright.engine.workflow.skillwriter;

import java.util.List;
import org.benchwright.engine.agent.Epilogue;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.WorkflowPlugin;
import org.benchwright.engine.settings.SettingScope;
import org.benchwright.engine.settings.SettingSpec;
import org.benchwright.engine.settings.SettingType;

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
  public List<SettingSpec> settings() {
    return List.of(
        SettingSpec.of(
            SkillWriter.LEARN_AFTER,
            SettingScope.PROJECT,
            SettingType.integer(0, Integer.MAX_VALUE),
            Integer.toString(SkillWriter.DEFAULT_LEARN_AFTER),
            "Failures of one kind in a succeeded run that make it write a skill (0: never)"));
  }

  @Override
  public List<Epilogue> epilogues() {
    return List.of(new SkillWriter());
  }
}
