package notification

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/rozvoj/rozvoj/internal/config"
)

// mailer turns an outbox row into an e-mail and hands it to the SMTP server.
type mailer struct {
	client  *mail.Client
	addr    string // host:port, for the log
	from    string
	baseURL string
	idHost  string // the right-hand side of Message-IDs: the public host, so IDs are stable and ours
}

var tlsPolicies = map[string]mail.Option{
	config.TLSImplicit:      mail.WithSSL(),
	config.TLSStartTLS:      mail.WithTLSPolicy(mail.TLSMandatory),
	config.TLSOpportunistic: mail.WithTLSPolicy(mail.TLSOpportunistic),
	config.TLSNone:          mail.WithTLSPolicy(mail.NoTLS),
}

// newMailer prepares the client; it does not connect (each batch dials anew, so a restarted server is no matter).
// Credentials are offered with the best mechanism the server supports, and never in plain text without TLS.
func newMailer(s config.SMTP, from, baseURL string, extra ...mail.Option) (*mailer, error) {
	opts := []mail.Option{mail.WithPort(s.Port), mail.WithTimeout(30 * time.Second), tlsPolicies[s.TLS]}
	if s.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(s.Username), mail.WithPassword(s.Password))
	}
	c, err := mail.NewClient(s.Host, append(opts, extra...)...)
	if err != nil {
		return nil, fmt.Errorf("mail client for %s: %w", s.Addr(), err)
	}
	host := "rozvoj.localhost"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return &mailer{client: c, addr: s.Addr(), from: from, baseURL: strings.TrimSuffix(baseURL, "/"), idHost: host}, nil
}

// messageID is the same for every attempt of a row, so a receiving server can drop a copy should a crashed
// worker's row be sent twice (see claim).
func (m *mailer) messageID(row *outboxMail) string { return row.ID.String() + "@" + m.idHost }

func (m *mailer) message(row *outboxMail) (*mail.Msg, error) {
	msg := mail.NewMsg()
	if err := msg.From(m.from); err != nil {
		return nil, err
	}
	if err := msg.AddToFormat(row.ToName, row.ToAddress); err != nil {
		return nil, err
	}
	msg.Subject(row.Subject)
	msg.SetMessageIDWithValue(m.messageID(row))
	msg.SetDateWithValue(row.CreatedAt)
	// Vacation auto-replies should not answer a robot (RFC 3834).
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(mail.HeaderXAutoResponseSuppress, "All")
	msg.SetBodyString(mail.TypeTextPlain, "Dobrý den,\n\n"+row.Body+"\n\n"+m.baseURL+row.Link+"\n\n-- \n"+
		"rozvoj · Které e-maily vám chodí, si nastavíte v aplikaci v nastavení oznámení.\n"+
		"You choose which e-mails you get in the app's notification settings.\n")
	return msg, nil
}

// send delivers one row; ctx bounds the dial.
func (m *mailer) send(ctx context.Context, row *outboxMail) error {
	msg, err := m.message(row)
	if err != nil {
		return err
	}
	return m.client.DialAndSendWithContext(ctx, msg)
}
