package org.benchwright.desktop.automl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.project.Datasets.Dataset;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsViewModelTest {

  @TempDir Path dir;
  private Project project;
  private final FakeDialogService dialogs = new FakeDialogService();

  @BeforeEach
  void setUp() {
    project = Project.create(dir.resolve("x.bwproj"));
  }

  @AfterEach
  void tearDown() {
    project.close();
  }

  private DatasetsViewModel vm(DatasetsViewModel.Importer importer) {
    return new DatasetsViewModel(project, new CurrentThreadUiExecutor(), dialogs, importer);
  }

  /** The engine's importer over a sandbox that must not be reached. */
  private DatasetsViewModel engine() {
    MlSandbox none =
        (inputs, command, timeout, fetch, into) -> {
          throw new AssertionError("no sandbox is needed to refuse this file");
        };
    return vm(DatasetsViewModel.Importer.of(project, none));
  }

  @Test
  void theSelectedDatasetShowsItsProfile() {
    AutoMlFixture.dataset(project, "churn");
    DatasetsViewModel vm = engine();
    vm.refresh();

    assertThat(vm.datasets()).extracting(Dataset::name).containsExactly("churn");
    DatasetDetails d = vm.detailsProperty().get();
    assertThat(d.shape()).isEqualTo("7,043 rows · 6 columns · csv · 954.6 KB · churn.csv");
    assertThat(d.target()).isEqualTo("churn");
    assertThat(d.task()).isEqualTo("binary");
    assertThat(d.reason()).isEqualTo("the last column, categorical with 2 classes");
    assertThat(d.classes())
        .containsExactly(java.util.Map.entry("No", 5174L), java.util.Map.entry("Yes", 1869L));
    assertThat(d.columns()).hasSize(6);
    assertThat(d.targetChoices()).contains("contract", "churn");
    assertThat(d.warnings()).hasSize(2);
    assertThat(d.meta()).containsEntry("class_imbalance", 2.77);
    assertThat(vm.statusProperty().get()).isEqualTo("1 dataset");
  }

  @Test
  void anOverriddenTargetTakesItsClassesFromTheColumnsMostFrequentValues() {
    AutoMlFixture.dataset(project, "churn");
    project.datasets().setTarget("churn", "contract", "multiclass", "chosen: 3 classes");
    DatasetsViewModel vm = engine();
    vm.refresh();

    DatasetDetails d = vm.detailsProperty().get();
    assertThat(d.target()).isEqualTo("contract");
    assertThat(d.classes()).containsOnlyKeys("Month-to-month", "Two year", "One year");
    assertThat(d.classesNote()).contains("most frequent values of contract");
  }

  @Test
  void aFileTheEngineRefusesIsShownAndNothingIsStored() throws Exception {
    DatasetsViewModel vm = engine();
    Path xls = Files.writeString(dir.resolve("sales.xls"), "not read");
    dialogs.answerDataset(xls);
    vm.addChosen();

    assertThat(dialogs.errors()).hasSize(1);
    assertThat(dialogs.errors().getFirst().header()).isEqualTo("The dataset could not be added");
    assertThat(dialogs.errors().getFirst().error().getMessage())
        .contains("not a dataset file this tool reads");
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(vm.longWorkProperty().get()).isNull();
    assertThat(vm.addedProperty().get()).isNull();
    assertThat(project.datasets().list()).isEmpty();
  }

  @Test
  void anAddedDatasetIsSelected() {
    DatasetsViewModel vm =
        vm(
            new DatasetsViewModel.Importer() {
              @Override
              public Dataset add(Path file) {
                return AutoMlFixture.dataset(project, "churn");
              }

              @Override
              public Dataset retarget(String name, String column) {
                throw new AssertionError();
              }
            });
    vm.add(dir.resolve("churn.csv"));

    assertThat(vm.addedProperty().get().name()).isEqualTo("churn");
    assertThat(vm.selectedProperty().get().name()).isEqualTo("churn");
    assertThat(vm.statusProperty().get()).isEqualTo("1 dataset");
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void aRefusedTargetIsShownAndTheStoredOneStays() {
    AutoMlFixture.dataset(project, "churn");
    DatasetsViewModel vm =
        vm(
            new DatasetsViewModel.Importer() {
              @Override
              public Dataset add(Path file) {
                throw new AssertionError();
              }

              @Override
              public Dataset retarget(String name, String column) {
                throw new IllegalArgumentException(
                    "churn.csv: customer_id looks like an identifier, not a target.");
              }
            });
    vm.refresh();
    vm.retarget("customer_id");

    assertThat(dialogs.errors()).hasSize(1);
    assertThat(dialogs.errors().getFirst().header())
        .isEqualTo("Cannot make customer_id the target");
    assertThat(dialogs.errors().getFirst().error().getMessage()).contains("identifier");
    assertThat(vm.detailsProperty().get().target()).isEqualTo("churn");
    assertThat(project.datasets().find("churn").orElseThrow().target()).isEqualTo("churn");
  }

  @Test
  void anAcceptedTargetIsShown() {
    AutoMlFixture.dataset(project, "churn");
    DatasetsViewModel vm =
        vm(
            new DatasetsViewModel.Importer() {
              @Override
              public Dataset add(Path file) {
                throw new AssertionError();
              }

              @Override
              public Dataset retarget(String name, String column) {
                project.datasets().setTarget(name, column, "multiclass", "categorical, 3 classes");
                return project.datasets().find(name).orElseThrow();
              }
            });
    vm.refresh();
    vm.retarget("contract");

    assertThat(vm.detailsProperty().get().target()).isEqualTo("contract");
    assertThat(vm.detailsProperty().get().task()).isEqualTo("multiclass");
    assertThat(vm.selectedProperty().get().targetChosen()).isTrue();
    assertThat(dialogs.errors()).isEmpty();
  }
}
