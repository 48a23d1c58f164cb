import { documentStore } from '../../state/document';
import { useStore } from '../../state/store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { convertToHtml, editorUi } from './actions';

/** What the MJML/HTML switch asks when the text says otherwise (see `switchLanguage`). */
export function LanguageDialogs() {
  const dialog = useStore(editorUi, (state) => state.dialog);
  const close = () => editorUi.set({ dialog: undefined });
  const onOpenChange = (open: boolean) => !open && close();
  return (
    <>
      <Dialog open={dialog === 'convertToHtml'} onOpenChange={onOpenChange} title="Convert MJML to HTML?"
        description="The source is MJML. As HTML it would be shown as raw tags, so switching converts it: the compiled HTML replaces the MJML source. Save the MJML first if you want to keep it.">
        <div className="dialog-actions">
          <Button onClick={close}>Keep MJML</Button>
          <Button variant="primary" onClick={() => { close(); convertToHtml(); }}>Convert to HTML</Button>
        </div>
      </Dialog>
      <Dialog open={dialog === 'notMjml'} onOpenChange={onOpenChange} title="This is HTML, not MJML"
        description="MJML mode compiles <mjml> documents; this HTML would not compile. There is no automatic conversion from HTML to MJML: start from an MJML starter (New…) and move the content over.">
        <div className="dialog-actions">
          <Button variant="primary" onClick={close}>Keep HTML</Button>
          <Button onClick={() => { close(); documentStore.set({ language: 'mjml' }); }}>Switch anyway</Button>
        </div>
      </Dialog>
    </>
  );
}
