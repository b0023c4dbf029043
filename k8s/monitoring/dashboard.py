#!/usr/bin/env python3
"""Writes heavyweight-dashboard.json (Grafana dashboard model) to stdout.

The dashboard is generated so every panel has the same shape (datasource variable, grid position, unit) and so
`check` can diff the committed JSON against this source. Grafana is not packaged here: check validates the JSON
structurally and checks that every metric it names exists on a running suite.
"""
import json

DS = {"type": "prometheus", "uid": "${datasource}"}
TS = 'job="task-service"'

# (title, unit, [(expr, legend)], width)
PANELS = [
    ("Queue depth per lane", "short", [
        ('max by (lane) (heavyweight_queue_depth{lane=~"$lane"})', "broker {{lane}}"),
        ('sum by (lane) (heavyweight_balancer_queue_depth{lane=~"$lane"})', "balancer {{lane}}")], 12),
    ("Queue wait p50 / p95 per lane", "s", [
        ('histogram_quantile(0.5, sum by (le, lane) (rate(heavyweight_task_stage_seconds_bucket{%s,stage="queue_wait",lane=~"$lane"}[5m])))' % TS, "p50 {{lane}}"),
        ('histogram_quantile(0.95, sum by (le, lane) (rate(heavyweight_task_stage_seconds_bucket{%s,stage="queue_wait",lane=~"$lane"}[5m])))' % TS, "p95 {{lane}}")], 12),
    ("Stage latency p95", "s", [
        ('histogram_quantile(0.95, sum by (le, stage) (rate(heavyweight_task_stage_seconds_bucket{%s,lane=~"$lane"}[5m])))' % TS, "{{stage}}")], 12),
    ("Stage latency p50", "s", [
        ('histogram_quantile(0.5, sum by (le, stage) (rate(heavyweight_task_stage_seconds_bucket{%s,lane=~"$lane"}[5m])))' % TS, "{{stage}}")], 12),
    ("GPU busy per node", "percentunit", [
        ('sum by (node) (rate(heavyweight_balancer_node_busy_seconds_total{pool="shared"}[5m])) / sum by (node) (heavyweight_node_slots{pool="shared"})', "{{node}}")], 12),
    ("Throughput (images/s)", "short", [
        ('sum by (lane) (rate(heavyweight_tasks_finished_total{state="succeeded",lane=~"$lane"}[5m]))', "{{lane}}"),
        ('sum(rate(heavyweight_tasks_submitted_total{lane=~"$lane"}[5m]))', "submitted")], 12),
    ("Cost per image", "currencyUSD", [
        ('sum(increase(heavyweight_fleet_cost_total[1h])) / sum(increase(heavyweight_images_total[1h]))', "fleet"),
        ('sum by (node_class) (increase(heavyweight_fleet_cost_total[1h])) / sum by (node_class) (increase(heavyweight_images_total[1h]))', "{{node_class}}")], 8),
    ("kcal per image", "short", [
        ('sum(increase(heavyweight_fleet_energy_joules_total[1h])) / 4184 / sum(increase(heavyweight_images_total[1h]))', "fleet")], 8),
    ("Node power", "watt", [
        ('sum by (node) (heavyweight_node_power_watts)', "{{node}}")], 8),
    ("Task success", "percentunit", [
        ('sum by (model, lane) (rate(heavyweight_task_accepted_total{lane=~"$lane"}[1h])) / sum by (model, lane) (rate(heavyweight_tasks_finished_total{state="succeeded",lane=~"$lane"}[1h]))', "{{model}} {{lane}}")], 12),
    ("CSAT (mean rating 1-5)", "short", [
        ('sum by (model, lane) (rate(heavyweight_task_rating_sum{lane=~"$lane"}[1h])) / sum by (model, lane) (rate(heavyweight_task_rating_count{lane=~"$lane"}[1h]))', "{{model}} {{lane}}")], 12),
    ("Moderation blocks by topic", "short", [
        ('sum by (kind, category) (rate(heavyweight_moderation_verdicts_total{outcome=~"blocked|unassessed"}[5m]))', "{{kind}} {{category}}"),
        ('sum by (kind) (rate(heavyweight_moderation_verdicts_total{outcome="error"}[5m]))', "errors {{kind}}")], 12),
    ("Errors by stage", "short", [
        ('sum by (stage, reason) (rate(heavyweight_task_errors_total{lane=~"$lane"}[5m]))', "{{stage}} {{reason}}")], 12),
    ("Nodes ejected or draining", "short", [
        ('sum by (state) (heavyweight_balancer_node_state{state=~"ejected|draining"})', "{{state}}"),
        ('sum(increase(heavyweight_balancer_ejections_total[1h]))', "ejections / h")], 12),
    ("Worker jobs by outcome", "short", [
        ('sum by (outcome) (rate(heavyweight_worker_jobs_total{lane=~"$lane"}[5m]))', "{{outcome}}")], 12),
]


def dashboard():
    panels, x, y, row_h = [], 0, 0, 8
    for i, (title, unit, targets, width) in enumerate(PANELS, start=1):
        if x + width > 24:
            x, y = 0, y + row_h
        panels.append({
            "id": i, "type": "timeseries", "title": title, "datasource": DS,
            "gridPos": {"h": row_h, "w": width, "x": x, "y": y},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "options": {"legend": {"displayMode": "list", "placement": "bottom"}},
            "targets": [{"refId": chr(ord("A") + j), "datasource": DS, "expr": expr, "legendFormat": legend}
                        for j, (expr, legend) in enumerate(targets)],
        })
        x += width
    return {
        "uid": "heavyweight-overview", "title": "Heavyweight", "schemaVersion": 39, "version": 1,
        "tags": ["heavyweight"], "timezone": "utc", "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": [
            {"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Prometheus"},
            {"name": "lane", "type": "custom", "query": "interactive,batch", "includeAll": True, "multi": True,
             "allValue": ".*", "current": {"text": "All", "value": "$__all"},
             "options": []},
        ]},
        "panels": panels,
    }


if __name__ == "__main__":
    print(json.dumps(dashboard(), indent=2))
