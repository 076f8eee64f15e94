package io.patternhub.hub.notify;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends notifications by SMTP through Jakarta Mail (Angus Mail). Thread-safe: one session, one
 * connection per message.
 *
 * <pre>{@code
 * Notifier mail = SmtpNotifier.builder()
 *         .host("smtp.example.com").port(587).startTls(true)
 *         .credentials("shop@example.com", password)
 *         .from("shop@example.com", "Tilly's Patterns")
 *         .build();
 * }</pre>
 */
public final class SmtpNotifier implements Notifier {
    private final Session session;
    private final InternetAddress from;

    private SmtpNotifier(Session session, InternetAddress from) {
        this.session = session;
        this.from = from;
    }

    /** Starts an SMTP notifier. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void send(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, notification.toName().isPresent()
                    ? new InternetAddress(notification.toAddress(), notification.toName().get(), "UTF-8")
                    : new InternetAddress(notification.toAddress(), true));
            message.setSubject(notification.subject(), "UTF-8");
            if (notification.html().isPresent()) {
                MimeMultipart alternatives = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(notification.text(), "UTF-8");
                MimeBodyPart html = new MimeBodyPart();
                html.setContent(notification.html().get(), "text/html; charset=UTF-8");
                alternatives.addBodyPart(text);
                alternatives.addBodyPart(html);
                message.setContent(alternatives);
            } else {
                message.setText(notification.text(), "UTF-8");
            }
            Transport.send(message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new ConnectionException("Could not send mail to the SMTP server (" + e.getMessage()
                    + "); the message was not sent, try again later", ErrorContext.builder().retryable(true).build(), e);
        }
    }

    /** Configures an {@link SmtpNotifier}. */
    public static final class Builder {
        private String host;
        private int port = 25;
        private boolean startTls;
        private boolean ssl;
        private String username;
        private String password;
        private String fromAddress;
        private String fromName;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * The SMTP server.
         *
         * @param host host name
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * The SMTP port (25 by default; 587 with STARTTLS, 465 with SSL).
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Requires STARTTLS before authenticating.
         *
         * @param startTls whether to require it
         * @return this builder
         */
        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        /**
         * Connects with implicit TLS (SMTPS).
         *
         * @param ssl whether to use it
         * @return this builder
         */
        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        /**
         * Logs in with these credentials.
         *
         * @param username the user name
         * @param password the password
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * The sender.
         *
         * @param address the sender's address
         * @param name    the sender's display name, or {@code null}
         * @return this builder
         */
        public Builder from(String address, String name) {
            this.fromAddress = address;
            this.fromName = name;
            return this;
        }

        /**
         * Connect, read and write timeout.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Builds the notifier.
         *
         * @return the notifier
         * @throws ConfigurationException if the host or sender is missing or invalid
         */
        public SmtpNotifier build() {
            if (host == null || host.isBlank()) {
                throw new ConfigurationException("SmtpNotifier needs host(...)", ErrorContext.empty());
            }
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("SmtpNotifier port must be 1..65535, was " + port, ErrorContext.empty());
            }
            if (fromAddress == null || fromAddress.isBlank()) {
                throw new ConfigurationException("SmtpNotifier needs from(address, name)", ErrorContext.empty());
            }
            String protocol = ssl ? "smtps" : "smtp";
            Properties props = new Properties();
            props.put("mail.transport.protocol", protocol);
            props.put("mail." + protocol + ".host", host);
            props.put("mail." + protocol + ".port", Integer.toString(port));
            props.put("mail." + protocol + ".connectiontimeout", Long.toString(timeout.toMillis()));
            props.put("mail." + protocol + ".timeout", Long.toString(timeout.toMillis()));
            props.put("mail." + protocol + ".writetimeout", Long.toString(timeout.toMillis()));
            props.put("mail.transport.protocol.rfc822", protocol);
            props.put("mail.mime.charset", StandardCharsets.UTF_8.name());
            if (startTls) {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            Authenticator auth = null;
            if (username != null) {
                props.put("mail." + protocol + ".auth", "true");
                String user = username;
                String pass = password == null ? "" : password;
                auth = new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(user, pass);
                    }
                };
            }
            InternetAddress sender;
            try {
                sender = new InternetAddress(fromAddress, fromName, "UTF-8");
                sender.validate();
            } catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException e) {
                throw new ConfigurationException("SmtpNotifier sender address is invalid: " + fromAddress,
                        ErrorContext.empty(), e);
            }
            return new SmtpNotifier(Session.getInstance(props, auth), sender);
        }
    }
}
