package org.benchwright.engine.project;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Brings a project file's schema up to date with the changelogs shipped in the engine. */
final class Migrations {

  /** The schema version this build writes: the number of the last changelog file. */
  static final int CURRENT_VERSION = 8;

  private static final String CHANGELOG = "db/changelog/changelog.xml";

  static {
    // Liquibase logs through java.util.logging; route it to SLF4J so logback's levels apply
    // and a migration does not print pages of INFO lines to the console.
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  private Migrations() {}

  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Applies every changeset not yet applied. The connection stays open. */
  static void update(Connection connection) {
    try {
      Map<String, Object> scope =
          Map.of(
              Scope.Attr.resourceAccessor.name(),
              new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
              Scope.Attr.ui.name(),
              new LoggerUIService(),
              // No usage reporting and no banner: a desktop app must not phone home or print.
              "liquibase.analytics.enabled",
              Boolean.FALSE,
              "liquibase.showBanner",
              Boolean.FALSE);
      Scope.child(
          scope,
          () -> {
            Database database =
                DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                .addArgumentValue(
                    ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                .execute();
          });
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (Exception e) {
      throw new ProjectException("Could not update the project schema: " + e.getMessage(), e);
    }
  }
}
