package io.patternhub.support.helpdesk;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.HeaderTerm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jsoup.Jsoup;

/**
 * A {@link Helpdesk} over a support mailbox: new tickets are the unread messages in the inbox (read
 * over IMAP without marking them read), replies and internal notes go out over SMTP, and the status
 * is kept in IMAP flags (solved: read and answered; pending: read; escalated: read and flagged;
 * open: unread). A ticket's id is its Message-ID. Each call opens its own connection, so the class
 * is thread-safe.
 */
public final class EmailHelpdesk implements Helpdesk {
    private final Session session;
    private final String imapProtocol;
    private final String smtpProtocol;
    private final String imapHost;
    private final int imapPort;
    private final String smtpHost;
    private final int smtpPort;
    private final String username;
    private final String password;
    private final InternetAddress supportAddress;
    private final InternetAddress notesAddress;
    private final String folderName;

    private EmailHelpdesk(Builder b) {
        this.imapHost = require(b.imapHost, "imapHost");
        this.smtpHost = require(b.smtpHost, "smtpHost");
        this.username = require(b.username, "username");
        this.password = require(b.password, "password");
        this.supportAddress = address(require(b.supportAddress, "supportAddress"));
        this.notesAddress = address(require(b.notesAddress, "notesAddress"));
        this.imapPort = b.imapPort;
        this.smtpPort = b.smtpPort;
        this.folderName = b.folder;
        this.imapProtocol = b.ssl ? "imaps" : "imap";
        this.smtpProtocol = b.ssl ? "smtps" : "smtp";
        Properties p = new Properties();
        String timeout = Long.toString(b.timeout.toMillis());
        p.put("mail." + imapProtocol + ".peek", "true"); // reading a ticket must not mark it read
        p.put("mail." + imapProtocol + ".connectiontimeout", timeout);
        p.put("mail." + imapProtocol + ".timeout", timeout);
        p.put("mail." + smtpProtocol + ".auth", "true");
        p.put("mail." + smtpProtocol + ".connectiontimeout", timeout);
        p.put("mail." + smtpProtocol + ".timeout", timeout);
        p.put("mail." + smtpProtocol + ".writetimeout", timeout);
        if (b.startTls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.imap.starttls.enable", "true");
        }
        this.session = Session.getInstance(p);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Ticket> fetchNew() {
        try (Store store = connect(); Folder folder = open(store, Folder.READ_ONLY)) {
            List<Ticket> out = new ArrayList<>();
            for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                out.add(toTicket(folder, (MimeMessage) m));
            }
            out.sort(Comparator.comparing(Ticket::receivedAt));
            return out;
        } catch (MessagingException | IOException e) {
            throw unreachable("read new tickets", e);
        }
    }

    @Override
    public void reply(Ticket ticket, String text) {
        String to = ticket.customerEmail().orElseThrow(() -> new InvalidRequestException(
                "Ticket " + ticket.id() + " has no sender address to reply to", ErrorContext.empty()));
        try {
            MimeMessage reply = new MimeMessage(session);
            reply.setFrom(supportAddress);
            reply.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            reply.setSubject(ticket.subject().regionMatches(true, 0, "Re:", 0, 3) ? ticket.subject() : "Re: " + ticket.subject(),
                    "UTF-8");
            if (ticket.id().startsWith("<")) {
                reply.setHeader("In-Reply-To", ticket.id());
                reply.setHeader("References", ticket.id());
            }
            reply.setText(text, "UTF-8");
            send(reply);
        } catch (MessagingException e) {
            throw unreachable("send a reply", e);
        }
    }

    @Override
    public void addInternalNote(Ticket ticket, String note) {
        try {
            MimeMessage msg = new MimeMessage(session);
            msg.setFrom(supportAddress);
            msg.setRecipient(Message.RecipientType.TO, notesAddress);
            msg.setSubject("[Support note] " + ticket.subject(), "UTF-8");
            msg.setHeader("X-PatternHub-Ticket", ticket.id());
            msg.setText(note + "\n\nTicket: " + ticket.id() + ticket.customerEmail().map(e -> "\nCustomer: " + e).orElse(""),
                    "UTF-8");
            send(msg);
        } catch (MessagingException e) {
            throw unreachable("send an internal note", e);
        }
    }

    @Override
    public void setStatus(Ticket ticket, TicketStatus status) {
        try (Store store = connect(); Folder folder = open(store, Folder.READ_WRITE)) {
            Message m = find(folder, ticket.id());
            boolean unread = status == TicketStatus.OPEN;
            m.setFlag(Flags.Flag.SEEN, !unread);
            m.setFlag(Flags.Flag.ANSWERED, status == TicketStatus.SOLVED);
            m.setFlag(Flags.Flag.FLAGGED, status == TicketStatus.ESCALATED);
        } catch (MessagingException e) {
            throw unreachable("update a ticket's status", e);
        }
    }

    private Message find(Folder folder, String id) throws MessagingException {
        if (id.startsWith("uid:") && folder instanceof UIDFolder uids) {
            Message m = uids.getMessageByUID(Long.parseLong(id.substring(id.lastIndexOf(':') + 1)));
            if (m != null) {
                return m;
            }
        } else {
            Message[] found = folder.search(new HeaderTerm("Message-ID", id));
            for (Message m : found) {
                String[] ids = m.getHeader("Message-ID");
                if (ids != null && ids[0].strip().equals(id)) {
                    return m;
                }
            }
        }
        throw new NotFoundException("No message " + id + " in " + folderName + "; it may have been moved or deleted.",
                ErrorContext.builder().platform(Platform.SUPPORT).build());
    }

    private Ticket toTicket(Folder folder, MimeMessage m) throws MessagingException, IOException {
        String id = m.getMessageID();
        if (id == null || id.isBlank()) {
            long validity = folder instanceof UIDFolder u ? u.getUIDValidity() : 0;
            id = "uid:" + validity + ":" + (folder instanceof UIDFolder u ? u.getUID(m) : m.getMessageNumber());
        }
        Address[] from = m.getFrom();
        Optional<String> email = from == null || from.length == 0 ? Optional.empty()
                : Optional.of(((InternetAddress) from[0]).getAddress());
        Instant received = m.getReceivedDate() != null ? m.getReceivedDate().toInstant()
                : m.getSentDate() != null ? m.getSentDate().toInstant() : Instant.EPOCH;
        String subject = m.getSubject() == null ? "" : m.getSubject();
        return new Ticket(id.strip(), subject, withoutQuotedReply(text(m)), email, received);
    }

    /** The message's text: the plain part when there is one, else the HTML part as text. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return Jsoup.parse(String.valueOf(part.getContent())).wholeText();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(bp.getDisposition())) {
                    continue;
                }
                if (bp.isMimeType("text/plain") || bp.isMimeType("multipart/*")) {
                    String t = text(bp);
                    if (!t.isBlank()) {
                        return t;
                    }
                } else if (bp.isMimeType("text/html") && html == null) {
                    html = text(bp);
                }
            }
            return html == null ? "" : html;
        }
        return "";
    }

    /** Drops the quoted earlier messages under a reply ("&gt; ..." lines and what follows "On ... wrote:"). */
    static String withoutQuotedReply(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("On ") && t.endsWith("wrote:")) {
                break;
            }
            if (!t.startsWith(">")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString().strip();
    }

    private Store connect() throws MessagingException {
        Store store = session.getStore(imapProtocol);
        store.connect(imapHost, imapPort, username, password);
        return store;
    }

    private Folder open(Store store, int mode) throws MessagingException {
        Folder folder = store.getFolder(folderName);
        folder.open(mode);
        return folder;
    }

    private void send(MimeMessage msg) throws MessagingException {
        msg.saveChanges();
        try (Transport transport = session.getTransport(smtpProtocol)) {
            transport.connect(smtpHost, smtpPort, username, password);
            transport.sendMessage(msg, msg.getAllRecipients());
        }
    }

    private static ConnectionException unreachable(String what, Exception e) {
        return new ConnectionException("Could not " + what + " on the support mailbox: " + e.getMessage(),
                ErrorContext.builder().platform(Platform.SUPPORT).retryable(true).build(), e);
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("EmailHelpdesk needs " + name, ErrorContext.empty());
        }
        return value;
    }

    private static InternetAddress address(String value) {
        try {
            return new InternetAddress(value, true);
        } catch (MessagingException e) {
            throw new ConfigurationException("Not an email address: " + value, ErrorContext.empty(), e);
        }
    }

    /** Builds an {@link EmailHelpdesk}. */
    public static final class Builder {
        private String imapHost;
        private int imapPort = 993;
        private String smtpHost;
        private int smtpPort = 465;
        private String username;
        private String password;
        private String supportAddress;
        private String notesAddress;
        private String folder = "INBOX";
        private boolean ssl = true;
        private boolean startTls;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder imap(String host, int port) {
            this.imapHost = host;
            this.imapPort = port;
            return this;
        }

        public Builder smtp(String host, int port) {
            this.smtpHost = host;
            this.smtpPort = port;
            return this;
        }

        /** The mailbox login, used for IMAP and SMTP. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The address replies come from, e.g. {@code support@yourshop.com}. */
        public Builder supportAddress(String supportAddress) {
            this.supportAddress = supportAddress;
            return this;
        }

        /** Where internal notes go: the team's own address, never the customer's. */
        public Builder notesAddress(String notesAddress) {
            this.notesAddress = notesAddress;
            return this;
        }

        /** The folder tickets arrive in (default {@code INBOX}). */
        public Builder folder(String folder) {
            this.folder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** Implicit TLS (imaps/smtps, the default) or plain connections (for local test servers). */
        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        /** Upgrade plain connections with STARTTLS (default off). */
        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        /** Connect and read timeout (default 30 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public EmailHelpdesk build() {
            return new EmailHelpdesk(this);
        }
    }
}
