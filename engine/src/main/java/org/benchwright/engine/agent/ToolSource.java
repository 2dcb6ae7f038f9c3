package org.benchwright.engine.agent;

import java.util.List;
import org.benchwright.engine.project.Project;

/**
 * Tools a project adds to a workflow's nodes beyond those its definition names, decided at run time
 * from the project (a capability a user promoted to a tool of its own). They end no node, and a
 * name the node already has is not replaced.
 */
@FunctionalInterface
public interface ToolSource {

  List<Tool> tools(Project project, String workflow);
}
