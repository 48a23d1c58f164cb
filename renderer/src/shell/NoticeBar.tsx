import { useEffect } from 'react';
import { useStore } from '../state/store';
import { dismissNotice, noticeStore } from './notices';

/** The shell's one-line messages; errors stay until dismissed, the rest fade after a few seconds. */
export function NoticeBar() {
  const notice = useStore(noticeStore, (state) => state.notice);
  useEffect(() => {
    if (!notice || notice.tone === 'error') return;
    const timer = setTimeout(dismissNotice, 5000);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div className="notice-region" role={notice?.tone === 'error' ? 'alert' : 'status'}>
      {notice && (
        <p className={`notice notice-${notice.tone}`}>
          {notice.text}
          <button type="button" className="btn btn-ghost notice-close" aria-label="Dismiss message" onClick={dismissNotice}>
            <span aria-hidden="true">✕</span>
          </button>
        </p>
      )}
    </div>
  );
}
