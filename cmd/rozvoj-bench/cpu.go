package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// ticks is CPU time in the kernel's clock ticks (USER_HZ, 100 a second on Linux).
const ticksPerSecond = 100

// cpuSample is the CPU time the whole machine, the server and this process had used at one moment, read from /proc.
type cpuSample struct {
	busy, idle   uint64 // the machine: every CPU's non-idle and idle ticks
	server, self uint64
}

// machineTicks reads the first line of /proc/stat: user nice system idle iowait irq softirq steal ...
func machineTicks() (busy, idle uint64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	fields := strings.Fields(line)
	for i, f := range fields[1:] {
		n, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return 0, 0, err
		}
		switch i {
		case 3, 4: // idle, iowait
			idle += n
		case 8, 9: // guest time is already in user
		default:
			busy += n
		}
	}
	return busy, idle, nil
}

// processTicks is a process's user and system time (fields 14 and 15 of /proc/<pid>/stat, after the command's
// parenthesised name, which may hold spaces).
func processTicks(pid string) (uint64, error) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, err
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	utime, err := strconv.ParseUint(fields[11], 10, 64)
	if err != nil {
		return 0, err
	}
	stime, err := strconv.ParseUint(fields[12], 10, 64)
	return utime + stime, err
}

func sampleCPU(server int) (c cpuSample, err error) {
	if c.busy, c.idle, err = machineTicks(); err != nil {
		return c, err
	}
	if c.server, err = processTicks(strconv.Itoa(server)); err != nil {
		return c, err
	}
	c.self, err = processTicks("self")
	return c, err
}

// WriteCPU says where the machine's CPU went between two samples: the server, the load generator (this process)
// and the rest, which on the benchmark machine is PostgreSQL. It tells whether the server, the database or the
// load generator is what limits the throughput.
func WriteCPU(w io.Writer, before, after cpuSample, cpus int) {
	seconds := func(t uint64) float64 { return float64(t) / ticksPerSecond }
	wall := seconds(after.busy+after.idle-before.busy-before.idle) / float64(cpus)
	busy, server, self := after.busy-before.busy, after.server-before.server, after.self-before.self
	rest := busy - min(busy, server+self)
	share := func(t uint64) string { return fmt.Sprintf("%.2f", seconds(t)/wall) }
	fmt.Fprintf(w, "CPU during the load, in cores of %d busy on average: all %s; the server %s; the load generator %s; "+
		"PostgreSQL and the rest %s.\n", cpus, share(busy), share(server), share(self), share(rest))
}
