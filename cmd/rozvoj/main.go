// Command rozvoj is the whole product in one binary: the API and the SPA, migrations, demo data and
// administration from the command line.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/rozvoj/rozvoj/internal/app"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/config"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/demo"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/framework"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/national"
)

const usage = `rozvoj — professional development for child-protection staff (SPOD)

Usage:
  rozvoj serve [--demo]        serve the API and the web app (--demo: create or refresh the demo data first)
  rozvoj migrate up            apply pending database migrations
  rozvoj migrate status        list migrations and whether they are applied
  rozvoj seed demo             create the demo data (or reset the demo logins' password) and print the logins
  rozvoj seed national [--seed N] [--scale F] [--password P] [--force]
                               generate the national data set of PRODUCT.md §6 (scale 1: 10,000 people, five years),
                               the same rows for the same seed and day; refuses a database that has people unless --force
  rozvoj user create --email E --name N [--password-stdin]
                               create an operator (global admin); without --password-stdin a password is generated
  rozvoj import case [--dry-run] FILE
                               import a 1EdTech CASE 1.1 package (JSON, or YAML for .yaml/.yml) as a new framework
                               version, as the operator; every problem of a bad package is listed, nothing is written

Configuration is read from the environment (ROZVOJ_DATABASE_URL, ROZVOJ_ADDR, ROZVOJ_SECRET, …); see README.md.
`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rozvoj:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Print(usage)
		return nil
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	log := newLogger(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	cmd, rest := strings.Join(args[:min(2, len(args))], " "), args[min(2, len(args)):]
	if args[0] == "serve" {
		cmd, rest = "serve", args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, cfg, log, rest)
	case "migrate up":
		return withDB(ctx, cfg, func(db *database.DB) error {
			applied, err := db.Migrate(ctx)
			if err == nil {
				fmt.Printf("applied %d migration(s) %v\n", len(applied), applied)
			}
			return err
		})
	case "migrate status":
		return withDB(ctx, cfg, func(db *database.DB) error {
			ms, err := db.MigrationStatus(ctx)
			for _, m := range ms {
				state := "pending"
				if m.IsApplied() {
					state = "applied " + m.MigratedAt.Format(time.RFC3339)
				}
				fmt.Printf("%-40s %s\n", m.String(), state)
			}
			return err
		})
	case "seed demo":
		return withDB(ctx, cfg, func(db *database.DB) error {
			if err := app.Prepare(ctx, db, log); err != nil {
				return err
			}
			password, err := seedDemo(ctx, cfg, db, log)
			if err == nil {
				demo.PrintLogins(os.Stdout, cfg.BaseURL, password)
			}
			return err
		})
	case "seed national":
		return withDB(ctx, cfg, func(db *database.DB) error {
			if err := app.Prepare(ctx, db, log); err != nil {
				return err
			}
			return seedNational(ctx, db, rest)
		})
	case "import case":
		return withDB(ctx, cfg, func(db *database.DB) error {
			if err := app.Prepare(ctx, db, log); err != nil {
				return err
			}
			return importCase(ctx, db, rest)
		})
	case "user create":
		return withDB(ctx, cfg, func(db *database.DB) error {
			if err := app.Prepare(ctx, db, log); err != nil {
				return err
			}
			return createUser(ctx, db, rest)
		})
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", strings.Join(args, " "))
}

func newLogger(cfg config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, opts))
}

func withDB(ctx context.Context, cfg config.Config, fn func(db *database.DB) error) error {
	db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DatabaseWait)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "create or refresh the demo data before serving")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withDB(ctx, cfg, func(db *database.DB) error {
		if cfg.SecretMissing {
			log.Warn("ROZVOJ_SECRET is not set: a random one is used, so sign-ins end when the server restarts")
		}
		if cfg.NotesKeyMissing {
			log.Warn("neither ROZVOJ_NOTES_KEY nor ROZVOJ_SECRET is set: private supervision notes are encrypted with a publicly known key")
		}
		if err := app.Prepare(ctx, db, log); err != nil {
			return err
		}
		demoPassword := ""
		if *withDemo {
			var err error
			if demoPassword, err = seedDemo(ctx, cfg, db, log); err != nil {
				return err
			}
		}
		a, err := app.New(cfg, db, log)
		if err != nil {
			return err
		}
		return a.Serve(ctx, cfg.Addr, func() {
			log.Info("rozvoj is serving", "addr", cfg.Addr, "url", cfg.BaseURL, "database", database.Redact(cfg.DatabaseURL))
			if demoPassword != "" {
				demo.PrintLogins(os.Stdout, cfg.BaseURL, demoPassword) // last, so it is what people see
			}
		})
	})
}

// seedDemo creates or refreshes the demo data and returns the logins' password.
func seedDemo(ctx context.Context, cfg config.Config, db *database.DB, log *slog.Logger) (string, error) {
	password := cfg.DemoPassword
	if password == "" {
		password = "Demo-" + config.RandomToken(5)
	}
	created, err := demo.Seed(ctx, db, password)
	if err != nil {
		return "", err
	}
	if created {
		log.Info("demo data created")
	} else {
		log.Info("demo data exists; demo logins' password reset")
	}
	return password, nil
}

func seedNational(ctx context.Context, db *database.DB, args []string) error {
	fs := flag.NewFlagSet("seed national", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "seed of the generator: the same seed (on the same day) gives the same rows")
	scale := fs.Float64("scale", 1, "size against the national set (0.01: 100 people)")
	password := fs.String("password", "", "let every generated person sign in with this password")
	force := fs.Bool("force", false, "write into a database that already has people")
	if err := fs.Parse(args); err != nil {
		return err
	}
	began := time.Now()
	counts, err := national.Generate(ctx, db, national.Options{Seed: *seed, Scale: *scale, Password: *password,
		Force: *force, Progress: os.Stdout})
	if err != nil {
		return err
	}
	total := 0
	for _, c := range counts {
		fmt.Printf("  %-26s %9d\n", c.Table, c.Rows)
		total += c.Rows
	}
	fmt.Printf("  %-26s %9d rows in %s\n", "total", total, time.Since(began).Round(time.Second))
	return nil
}

func createUser(ctx context.Context, db *database.DB, args []string) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	email := fs.String("email", "", "e-mail address (the sign-in)")
	name := fs.String("name", "", "full name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" || *name == "" {
		return errors.New("user create needs --email and --name")
	}
	password := "Adm-" + config.RandomToken(8)
	if *fromStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read the password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	operator := &auth.Principal{Grants: []auth.Grant{{Role: auth.Admin}}}
	u, err := directory.NewService(db).CreateUser(ctx, operator, directory.UserInput{
		Email: *email, Name: *name, Password: password, Roles: []directory.RoleInput{{Role: string(auth.Admin)}},
	})
	if err != nil {
		return httpx.Describe(err)
	}
	fmt.Printf("created operator %s (%s)\n", u.Email, u.ID)
	if !*fromStdin {
		fmt.Printf("password: %s\n", password)
	}
	return nil
}

// importCase imports a CASE package from a file as the operator and says what it created.
func importCase(ctx context.Context, db *database.DB, args []string) error {
	fs := flag.NewFlagSet("import case", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "check the package and show what would be created, without writing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("import case needs one FILE (a CASE CFPackage as JSON, or YAML named .yaml or .yml)")
	}
	name := fs.Arg(0)
	raw, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	format := framework.FormatJSON
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".yaml" || ext == ".yml" {
		format = framework.FormatYAML
	}
	operator := &auth.Principal{Grants: []auth.Grant{{Role: auth.Admin}}}
	res, err := framework.NewService(db).ImportCASE(ctx, operator, raw, format, *dry)
	var p *httpx.Problem
	if errors.As(err, &p) && len(p.Errors) > 0 {
		lines := []string{p.Detail}
		for _, e := range p.Errors {
			lines = append(lines, "  "+e.Field+": "+e.Message)
		}
		return errors.New(strings.Join(lines, "\n"))
	}
	if err != nil {
		return err
	}
	f, c := res.Framework, res.Counts
	verb := "imported"
	if *dry {
		verb = "would import"
		if !res.Valid {
			lines := []string{fmt.Sprintf("%s has %d problem(s); nothing would be imported:", name, len(res.Problems))}
			for _, pr := range res.Problems {
				lines = append(lines, "  "+pr.Field+": "+pr.Message)
			}
			return errors.New(strings.Join(lines, "\n"))
		}
	}
	fmt.Printf("%s %q version %q (%s) as %s: %d items (%d domains, %d competencies, %d other), %d associations "+
		"(%d external), %d rubrics (%d as indicators, %d indicators)\n", verb, f.TitleCS, f.Version, f.ID, f.Status,
		c.Items, c.Domains, c.Competencies, c.Other, c.Associations, c.ExternalAssociations, c.Rubrics, c.IndicatorRubrics, c.Indicators)
	return nil
}
