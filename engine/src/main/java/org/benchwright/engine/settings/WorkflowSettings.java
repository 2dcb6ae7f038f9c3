package org.benchwright.engine.settings;

import java.util.List;
import org.benchwright.engine.agent.Simulation;

/**
 * Settings read by the shipped workflows' own code. They belong to those workflows: when each
 * workflow package contributes its specs to the catalog (issue 12), these move there and this class
 * goes. Validation goes through the owner's own request type, so the limits stay in one place;
 * {@code benchmark.seeds}'s default (5) is copied from BenchmarkAcceptance, which keeps it inline.
 */
final class WorkflowSettings {

  private WorkflowSettings() {}

  static List<SettingSpec> specs() {
    return List.of(
        SettingSpec.of(
            "benchmark.seeds",
            SettingScope.PROJECT,
            SettingType.integer(1, Integer.MAX_VALUE),
            "5",
            "Seeds a generated benchmark must validate with before it is accepted"),
        SettingSpec.of(
                "engineer.variants",
                SettingScope.PROJECT,
                SettingType.integer(1, Integer.MAX_VALUE),
                Integer.toString(Simulation.DEFAULT_VARIANTS),
                "Jittered benchmark variants each simulate call runs")
            .checkedBy(
                (key, v) ->
                    new Simulation.Request(
                        Simulation.DEFAULT_SOLUTION,
                        Integer.parseInt(v),
                        Simulation.DEFAULT_SECONDS)),
        SettingSpec.of(
                "engineer.seconds",
                SettingScope.PROJECT,
                SettingType.decimal(),
                SettingType.decimal().toStored(Double.toString(Simulation.DEFAULT_SECONDS)),
                "Simulated seconds per variant")
            .checkedBy(
                (key, v) ->
                    new Simulation.Request(
                        Simulation.DEFAULT_SOLUTION,
                        Simulation.DEFAULT_VARIANTS,
                        Double.parseDouble(v))));
  }
}
