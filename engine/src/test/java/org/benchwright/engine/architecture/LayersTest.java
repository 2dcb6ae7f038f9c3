package org.benchwright.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine is the lower layer: headless, usable from the CLI and the desktop alike. */
class LayersTest {

  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.benchwright.engine");

  @Test
  void engineDoesNotTouchJavaFx() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "com.sun.javafx..", "org.controlsfx..", "org.fxmisc..")
        .because("the engine runs headless; only desktop/ may use JavaFX")
        .check(ENGINE);
  }

  @Test
  void engineDoesNotDependOnTheDesktop() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.benchwright.desktop..")
        .because("desktop depends on engine, never the reverse")
        .check(ENGINE);
  }

  @Test
  void persistenceLibrariesStayInsideTheProjectFeature() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.benchwright.engine.project..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.hibernate..", "liquibase..", "org.sqlite..", "jakarta.persistence..")
        .because("the project feature owns persistence; others use its public API")
        .check(ENGINE);
  }

  @Test
  void logbackStaysInsideTheLoggingSetUp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.benchwright.engine.logging..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ch.qos.logback..")
        .because("code logs through SLF4J; only the set-up knows the backend")
        .check(ENGINE);
  }

  @Test
  void dockerStaysInsideTheSandboxFeature() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.benchwright.engine.sandbox..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.github.dockerjava..")
        .because("the sandbox feature owns Docker; others use sessions")
        .check(ENGINE);
  }

  @Test
  void providerClientsStayInsideTheModelFeature() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.benchwright.engine.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.langchain4j.model.openai..",
            "dev.langchain4j.model.anthropic..",
            "dev.langchain4j.model.googleai..",
            "dev.langchain4j.model.ollama..")
        .because("others code against ChatModel and call models through the ModelGateway")
        .check(ENGINE);
  }

  @Test
  void theAgentLoopKnowsNoWorkflow() {
    noClasses()
        .that()
        .resideInAPackage("org.benchwright.engine.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.benchwright.engine.workflow..",
            "org.benchwright.engine.cad..",
            "org.benchwright.engine.mjcf..",
            "org.benchwright.engine.skills..",
            "org.benchwright.engine.capabilities..",
            "org.benchwright.engine.automl..")
        .because(
            "a workflow is one package that plugs its tools and checks into the generic loop"
                + " (docs/adding-a-workflow.md)")
        .check(ENGINE);
  }

  @Test
  void workflowsDoNotReachIntoEachOther() {
    List<String> all =
        List.of("benchmark", "engineer", "skillwriter", "experiment", "capability", "automl");
    for (String w : all) {
      noClasses()
          .that()
          .resideInAPackage("org.benchwright.engine.workflow." + w + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              all.stream()
                  .filter(o -> !o.equals(w))
                  .map(o -> "org.benchwright.engine.workflow." + o + "..")
                  .toArray(String[]::new))
          .because("workflows share tools by name through the catalog, not by code")
          .check(ENGINE);
    }
  }
}
