package app

import (
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// metrics are the server's Prometheus series: requests by route pattern (not raw path, which would make a
// series per record), their latency, the database pool, and the Go runtime.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(db *database.DB) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total", Help: "HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "http_request_duration_seconds", Help: "HTTP request latency by method and route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"method", "route"}),
	}
	m.registry.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(db.DB.DB, string(db.Engine)))
	return m
}

// observe gives each request its ID in the context (for the audit trail and logs), then logs and counts it once
// the response is known. Errors are rendered here, so the log line and the metric see the final status.
func observe(log *slog.Logger, m *metrics, onError fiber.ErrorHandler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		c.SetUserContext(httpx.WithRequestID(c.UserContext(), httpx.RequestID(c)))
		if err := c.Next(); err != nil {
			if err := onError(c, err); err != nil {
				return err
			}
		}
		route := c.Route().Path
		status := c.Response().StatusCode()
		elapsed := time.Since(start)
		m.requests.WithLabelValues(c.Method(), route, strconv.Itoa(status)).Inc()
		m.latency.WithLabelValues(c.Method(), route).Observe(elapsed.Seconds())
		level := slog.LevelInfo
		if route == "/healthz" || route == "/readyz" || route == "/metrics" {
			level = slog.LevelDebug
		}
		log.Log(c.UserContext(), level, "request",
			"request_id", httpx.RequestID(c), "method", c.Method(), "path", c.Path(), "route", route,
			"status", status, "duration_ms", float64(elapsed.Microseconds())/1000)
		return nil
	}
}
