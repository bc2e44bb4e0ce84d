{{/*
application.properties, mounted at /deployments/config/ where Quarkus reads it (relative to the
working directory /deployments). Secrets never appear here: they come from env vars.
*/}}
{{- define "netcheck.applicationProperties" -}}
# Rendered by the netcheck Helm chart (release {{ .Release.Name }}).
# netcheck refuses unknown netcheck.* keys at startup, so settings that the app may not map yet
# (slack mode, store) come as env vars instead, and upcoming features appear only when set.

# Probes
{{ include "netcheck.property" (list "netcheck.probe.timeout" .Values.probe.timeout) }}
{{ include "netcheck.property" (list "netcheck.probe.max-backends" .Values.probe.maxBackends) }}

# Packet capture (.pcap files go to the writable data volume)
{{ include "netcheck.property" (list "netcheck.capture.enabled" .Values.capture.enabled) }}
{{ include "netcheck.property" (list "netcheck.capture.snaplen" .Values.capture.snaplen) }}
{{ include "netcheck.property" (list "netcheck.capture.keep-payload" .Values.capture.keepPayload) }}
{{ include "netcheck.property" (list "netcheck.capture.directory" (printf "%s/captures" (include "netcheck.dataDir" .))) }}
{{- if .Values.teams }}

# Teams
{{- range $key, $team := .Values.teams }}
{{- if $team.name }}
{{ include "netcheck.property" (list (printf "netcheck.team.%s.name" $key) $team.name) }}
{{- end }}
{{- if $team.slackGroup }}
{{ include "netcheck.property" (list (printf "netcheck.team.%s.slack-group" $key) $team.slackGroup) }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.owners }}

# Cause -> team
{{- range $cause, $team := .Values.owners }}
{{ include "netcheck.property" (list (printf "netcheck.owner.%s" $cause) $team) }}
{{- end }}
{{- end }}
{{- with .Values.policy }}
{{- if or .allowCidrs .denyCidrs .allowPorts }}

# Target policy (upcoming feature)
{{- if .allowCidrs }}
{{ include "netcheck.property" (list "netcheck.policy.allow-cidrs" (join "," .allowCidrs)) }}
{{- end }}
{{- if .denyCidrs }}
{{ include "netcheck.property" (list "netcheck.policy.deny-cidrs" (join "," .denyCidrs)) }}
{{- end }}
{{- if .allowPorts }}
{{ include "netcheck.property" (list "netcheck.policy.allow-ports" (join "," .allowPorts)) }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.watches }}

# Watches (upcoming feature)
{{- range .Values.watches }}
{{ include "netcheck.property" (list (printf "netcheck.watch.%q.channel" .name) .channel) }}
{{ include "netcheck.property" (list (printf "netcheck.watch.%q.command" .name) .command) }}
{{ include "netcheck.property" (list (printf "netcheck.watch.%q.every" .name) .every) }}
{{- end }}
{{- end }}
{{- if .Values.summaries }}

# Summaries (upcoming feature)
{{- range $i, $summary := .Values.summaries }}
{{ include "netcheck.property" (list (printf "netcheck.summary[%d].channel" $i) $summary.channel) }}
{{ include "netcheck.property" (list (printf "netcheck.summary[%d].cron" $i) $summary.cron) }}
{{- end }}
{{- end }}
{{- if .Values.extraConfig }}

# extraConfig
{{- range $key, $value := .Values.extraConfig }}
{{ include "netcheck.property" (list $key $value) }}
{{- end }}
{{- end }}
{{- end }}
