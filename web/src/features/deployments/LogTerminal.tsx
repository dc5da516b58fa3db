import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApi } from '../../api/ApiProvider';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { SocketFactory } from './socket';
import { useLogStream, type LogConnection } from './useLogStream';
import type { LogLine } from './types';

export const MAX_LOG_LINES = 5000;

const LEVELS = [
  { value: '', label: 'All levels' },
  { value: 'debug', label: 'Debug' },
  { value: 'info', label: 'Info' },
  { value: 'warn', label: 'Warn' },
  { value: 'error', label: 'Error' },
];

const levelClass: Record<string, string> = {
  debug: 'text-slate-400',
  info: 'text-sky-300',
  warn: 'text-amber-300',
  error: 'text-red-400',
};

const connectionText: Record<LogConnection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  fallback: 'Live stream unavailable: reading the log every few seconds',
};

/** The live log of a deployment: a dark terminal that follows new lines unless the reader scrolled up. */
export function LogTerminal({ deploymentId, socketFactory }: { deploymentId: string; socketFactory?: SocketFactory | null }) {
  const api = useApi();
  const log = useLogStream(deploymentId, { socketFactory, maxLines: MAX_LOG_LINES });
  const [level, setLevel] = useState('');
  const [search, setSearch] = useState('');
  const [follow, setFollow] = useState(true);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const box = useRef<HTMLDivElement>(null);

  const needle = search.trim().toLowerCase();
  const visible = useMemo(
    () => log.lines.filter((l) => (!level || l.level === level) && (!needle || l.message.toLowerCase().includes(needle))),
    [log.lines, level, needle],
  );
  const filtering = level !== '' || needle !== '';

  useLayoutEffect(() => {
    const el = box.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [visible, follow]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    setFollow(atBottom);
  };
  const jump = () => {
    setFollow(true);
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      const text = await api.request<string>(`/api/v1/deployments/${deploymentId}/logs/download`, { text: true });
      const url = URL.createObjectURL(new Blob([text ?? ''], { type: 'text/plain;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `deployment-${deploymentId}.log`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card
      title="Log"
      actions={
        <>
          <span role="status" className="inline-flex items-center gap-1.5 self-center text-xs text-slate-600">
            <span aria-hidden="true" className={`size-2 rounded-full ${log.connection === 'live' ? 'bg-emerald-500' : log.connection === 'fallback' ? 'bg-amber-500' : 'animate-pulse bg-slate-400'}`} />
            {connectionText[log.connection]}
          </span>
          <Button variant="secondary" busy={downloading} onClick={() => void download()}>Download</Button>
        </>
      }
    >
      <div className="mb-3 grid grid-cols-1 gap-3 sm:grid-cols-[12rem_1fr]">
        <SelectField label="Level" value={level} onChange={(e) => setLevel(e.target.value)}>
          {LEVELS.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
        </SelectField>
        <TextField label="Search log" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Text in a line" />
      </div>
      {downloadError != null && <div className="mb-3"><ProblemAlert error={downloadError} title="The log could not be downloaded" /></div>}
      {log.error != null && <div className="mb-3"><ProblemAlert error={log.error} title="The log could not be read" /></div>}
      <p className="mb-2 text-xs text-slate-500">
        {log.dropped > 0 && <>Showing the last {MAX_LOG_LINES.toLocaleString('en-US').replace(',', ' ')} lines ({log.dropped.toLocaleString()} earlier ones left out; download for the whole log). </>}
        {filtering && <>{visible.length} of {log.lines.length} lines match.</>}
      </p>
      <div className="relative">
        <div
          ref={box}
          role="log"
          aria-label="Deployment log"
          tabIndex={0}
          onScroll={onScroll}
          className="h-[28rem] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {visible.length === 0 ? (
            <p className="text-slate-400">
              {log.lines.length > 0 ? 'No line matches the filters.' : log.connection === 'connecting' ? 'Connecting to the log…' : 'No log lines yet.'}
            </p>
          ) : (
            visible.map((line) => <Line key={line.sequence} line={line} needle={needle} />)
          )}
        </div>
        {!follow && (
          <Button className="absolute bottom-3 right-5 shadow-lg" onClick={jump}>Jump to latest</Button>
        )}
      </div>
    </Card>
  );
}

function Line({ line, needle }: { line: LogLine; needle: string }) {
  return (
    <div className="flex flex-wrap gap-x-2 whitespace-pre-wrap break-words hover:bg-white/5" data-sequence={line.sequence}>
      <time dateTime={line.timestamp} className="shrink-0 text-slate-500">{time(line.timestamp)}</time>
      <span className={`w-12 shrink-0 uppercase ${levelClass[line.level] ?? 'text-slate-300'}`}>{line.level}</span>
      {line.step && <span className="shrink-0 text-indigo-300">[{line.step}]</span>}
      <span className="min-w-0 basis-full sm:basis-0 sm:flex-1">{highlight(line.message, needle)}</span>
    </div>
  );
}

function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour12: false });
}

function highlight(text: string, needle: string): ReactNode {
  if (!needle) return text || '\u00a0';
  const parts: ReactNode[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  let at = lower.indexOf(needle);
  while (at >= 0) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at} className="rounded-sm bg-amber-300 text-slate-950">{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
    at = lower.indexOf(needle, from);
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
