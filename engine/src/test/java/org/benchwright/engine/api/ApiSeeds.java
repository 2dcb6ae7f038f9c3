package org.benchwright.engine.api;

import java.nio.charset.StandardCharsets;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.NewRun;

/**
 * A project with something in every library a read operation serves (skills, capabilities,
 * benchmarks, a run with files, a trained-model record), put in through the engine the way each
 * resource's own IT puts it in: what the fuzzer starts from, so reads of one item can succeed.
 */
public final class ApiSeeds {

  private ApiSeeds() {}

  public static void fill(ApiFixture api) {
    SkillApiIT.saveTwo(api);
    CapabilityApiIT.registerTwo(api);
    BenchmarkApiIT.save(api, "ramp");
    BenchmarkApiIT.save(api, "lever");
    PredictApiIT.trainedRecord(api);
    long run =
        api.project
            .runs()
            .create(new NewRun("engineer", "files", ModelConfig.of("openai", "gpt-test").toJson()))
            .id();
    api.project
        .files()
        .write(
            run,
            "engineer",
            "parts/ramp.scad",
            "cube([10, 2, 1]);\n".getBytes(StandardCharsets.UTF_8));
  }
}
