// How the reports page writes numbers, durations and changes.
export function count(value) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString();
}

/** 45 s, 3 min, 1 h 20 min, 2 d 4 h. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(Number(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) {
    const minutes = Math.round((s % 3600) / 60);
    return minutes ? `${Math.floor(s / 3600)} h ${minutes} min` : `${Math.floor(s / 3600)} h`;
  }
  const hours = Math.round((s % 86400) / 3600);
  return hours ? `${Math.floor(s / 86400)} d ${hours} h` : `${Math.floor(s / 86400)} d`;
}

export function share(value) {
  return value === null || value === undefined ? '–' : `${Math.round(Number(value) * 100)} %`;
}

/**
 * The change against the previous period, and whether it is good news ("up" is bad for response times,
 * opt-outs and failures).
 */
export function change(current, previous, higherIsBetter) {
  if (current === null || current === undefined || previous === null || previous === undefined) {
    return { text: 'no comparison', tone: '' };
  }
  if (Number(previous) === 0) {
    return Number(current) === 0
      ? { text: 'no change', tone: '' }
      : { text: 'new', tone: higherIsBetter ? 'good' : 'bad' };
  }
  const percent = Math.round(((Number(current) - Number(previous)) / Number(previous)) * 100);
  if (percent === 0) return { text: 'no change', tone: '' };
  const better = percent > 0 === higherIsBetter;
  return { text: `${percent > 0 ? '▲' : '▼'} ${Math.abs(percent)} %`, tone: better ? 'good' : 'bad' };
}
