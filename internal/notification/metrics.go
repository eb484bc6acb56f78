package notification

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rozvoj/rozvoj/internal/database"
)

// outboxMetrics counts the outbox by state at each scrape, so every replica reports the same shared numbers
// and a growing "pending" or "failed" is visible without reading logs.
type outboxMetrics struct {
	db   *database.DB
	desc *prometheus.Desc
}

// OutboxMetrics is the Prometheus collector of mail_outbox_messages{state}.
func OutboxMetrics(db *database.DB) prometheus.Collector {
	return &outboxMetrics{db: db, desc: prometheus.NewDesc("mail_outbox_messages",
		"E-mails in the outbox by state: pending (waiting or retrying), sent, failed (given up).", []string{"state"}, nil)}
}

func (m *outboxMetrics) Describe(ch chan<- *prometheus.Desc) { ch <- m.desc }

func (m *outboxMetrics) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var rows []struct {
		State string `bun:"state"`
		N     int    `bun:"n"`
	}
	err := m.db.NewSelect().Model((*outboxMail)(nil)).Column("state").ColumnExpr("count(*) AS n").Group("state").Scan(ctx, &rows)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(m.desc, err)
		return
	}
	counts := map[string]int{pending: 0, sent: 0, failed: 0}
	for _, r := range rows {
		counts[r.State] = r.N
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(m.desc, prometheus.GaugeValue, float64(n), state)
	}
}
