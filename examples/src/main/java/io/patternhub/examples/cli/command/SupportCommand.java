package io.patternhub.examples.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.support.answer.Answer;
import io.patternhub.support.answer.Inquiry;
import io.patternhub.support.answer.LlmAnswerer;
import io.patternhub.support.answer.SupportAgent;
import io.patternhub.support.eval.EvalDataset;
import io.patternhub.support.eval.EvalReport;
import io.patternhub.support.eval.EvalRunner;
import io.patternhub.support.kb.Citation;
import io.patternhub.support.kb.IngestReport;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.kb.ScoredPassage;
import io.patternhub.support.llm.ChatModel;
import io.patternhub.support.llm.LlmSettings;
import io.patternhub.support.sample.SampleKnowledgeBase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code patternhub support index|ask|eval}: the support assistant over the seller's documentation. */
@Command(name = "support", mixinStandardHelpOptions = true,
        description = "Answer customer questions from your pattern documentation, with citations.",
        subcommands = {SupportCommand.Index.class, SupportCommand.Ask.class, SupportCommand.Eval.class})
public final class SupportCommand implements Callable<Integer> {
    /** The knowledge base index used when {@code --kb} is not given. */
    static final String DEFAULT_KB = "patternhub-kb";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: use 'support index', 'support ask' or 'support eval'");
    }

    /** What ask and eval share: which knowledge base to open. */
    abstract static class KbCommand {
        protected final CliContext ctx;

        @CommandLine.Spec
        protected CommandLine.Model.CommandSpec spec;

        @Option(names = "--kb", paramLabel = "DIR", description = "The index built by 'support index' (default: ./"
                + DEFAULT_KB + " if it exists, else the bundled sample documentation).")
        protected String kb;

        KbCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        protected KnowledgeBase openKb() {
            Path dir = ctx.resolve(kb == null ? DEFAULT_KB : kb);
            if (kb != null && !Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "No knowledge base at " + dir
                        + "; build one with 'patternhub support index DOCS --kb " + kb + "'");
            }
            if (Files.isDirectory(dir)) {
                return KnowledgeBase.builder().indexDirectory(dir).build();
            }
            KnowledgeBase sample = KnowledgeBase.builder().build();
            sample.sync(SampleKnowledgeBase.documents());
            return sample;
        }

        protected SupportAgent agent(KnowledgeBase base) {
            SupportAgent.Builder b = SupportAgent.builder().retriever(base);
            Optional<ChatModel> model = LlmSettings.fromEnvironment(ctx.environment());
            model.ifPresent(m -> b.answerer(LlmAnswerer.builder(base, m).build()));
            return b.build();
        }
    }

    /** {@code support index DIR}. */
    @Command(name = "index", mixinStandardHelpOptions = true,
            description = "Index a folder of documentation (PDF, Markdown, HTML, text); only changed files are re-indexed.")
    public static final class Index extends KbCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The documentation folder.")
        private String docs;

        public Index(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Path dir = ctx.resolve(docs);
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Documentation folder " + dir + " does not exist");
            }
            Path index = ctx.resolve(kb == null ? DEFAULT_KB : kb);
            try (KnowledgeBase base = KnowledgeBase.builder().indexDirectory(index).build()) {
                IngestReport r = base.ingestDirectory(dir);
                ctx.out().printf("Indexed %s into %s: %d added, %d updated, %d unchanged, %d removed; %d passages%n",
                        dir, index, r.added().size(), r.updated().size(), r.unchanged().size(), r.removed().size(),
                        r.passages());
            }
            return 0;
        }
    }

    /** {@code support ask TEXT}. */
    @Command(name = "ask", mixinStandardHelpOptions = true,
            description = "Answer one customer message (offline extractive answerer, or an LLM when PATTERNHUB_LLM_* is set).")
    public static final class Ask extends KbCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The customer's message.")
        private List<String> text;

        @Option(names = "--json", description = "Print {\"answer\", \"citations\":[{\"source\",\"locator\"}], \"escalate\", \"confidence\"}.")
        private boolean json;

        public Ask(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            String message = String.join(" ", text).trim();
            if (message.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "The message is empty");
            }
            try (KnowledgeBase base = openKb()) {
                Answer a = agent(base).handle(Inquiry.of(message));
                List<ScoredPassage> top = base.retrieve(message, 1);
                double confidence = a.escalated() && a.citations().isEmpty() ? 0.0
                        : top.isEmpty() ? 0.0 : top.get(0).queryCoverage();
                if (json) {
                    ctx.out().println(toJson(a, confidence));
                } else {
                    ctx.out().println(a.text());
                    a.escalation().ifPresent(e -> ctx.out().println("[escalated to a person: " + e.reason() + "]"));
                }
            }
            return 0;
        }

        static String toJson(Answer a, double confidence) throws Exception {
            ObjectMapper m = PatternHubJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode n = m.createObjectNode();
            n.put("answer", a.text());
            ArrayNode cites = n.putArray("citations");
            List<Citation> citations = a.citations().isEmpty() && a.escalation().isPresent()
                    ? a.escalation().get().found() : a.citations();
            for (Citation c : citations) {
                ObjectNode cn = cites.addObject();
                cn.put("source", c.documentId());
                cn.put("locator", locator(c));
            }
            n.put("escalate", a.escalated());
            n.put("confidence", Math.round(confidence * 1000) / 1000.0);
            return m.writeValueAsString(n);
        }

        static String locator(Citation c) {
            String page = c.pageNumber().isPresent() ? "page " + c.pageNumber().getAsInt() : "";
            String section = c.section() == null || c.section().isBlank() ? "" : "section \"" + c.section() + "\"";
            return page.isEmpty() ? section : section.isEmpty() ? page : page + ", " + section;
        }
    }

    /** {@code support eval DATASET}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Run a labelled question set (JSON) and print resolution, wrong-answer and escalation rates.")
    public static final class Eval extends KbCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset JSON file, or 'sample' for the bundled one.")
        private String dataset;

        @Option(names = "--split", paramLabel = "NAME", description = "Only this split of the dataset (e.g. dev, test).")
        private String split;

        public Eval(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            EvalDataset ds;
            if (dataset.equals("sample")) {
                try (var in = SampleKnowledgeBase.dataset()) {
                    ds = EvalDataset.read(in);
                }
            } else {
                Path file = ctx.resolve(dataset);
                if (!Files.isRegularFile(file)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "Dataset " + file + " does not exist");
                }
                ds = EvalDataset.read(file);
            }
            if (split != null) {
                ds = ds.split(split);
            }
            try (KnowledgeBase base = openKb()) {
                SupportAgent agent = agent(base);
                EvalReport report = EvalRunner.builder().assistant(agent::handle).retriever(base).build().run(ds);
                ctx.out().println(report.toMarkdown());
            }
            return 0;
        }
    }
}
