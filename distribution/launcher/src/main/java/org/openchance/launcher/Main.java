package org.openchance.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code openchance}: the command line of the product. */
@Command(
        name = "openchance",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "OpenChance - open opportunity management.",
        subcommands = {
            StartCommand.class,
            DemoDataCommand.class,
            ReindexCommand.class,
            ImportRatesCommand.class,
            ImportCatalogueCommand.class,
            DbSetupCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setDefaultValueProvider(ConfigDefaults.load(args));
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"OpenChance " + (version == null ? "(development build)" : version)};
        }
    }
}
