'use client';

import type { FileView } from '@caretracker/shared';
import { Alert, AlertDialog, Button, Card, DataTable, Link, type TableColumn, toast } from '@caretracker/ui/components';
import { QueryView, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { config } from '@/lib/config';
import { useClientDocuments, useDeleteDocument, useUploadDocument } from '@/lib/documents-api';
import { fullName } from '@/lib/vocabulary';
import { Pager } from './pager';

const KNOWN_CATEGORIES = ['document', 'receipt'] as const;
const ACCEPT =
  'application/pdf,image/jpeg,image/png,image/webp,image/heic,.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "12 kB", "3.4 MB" in the reader's language. */
function useFileSize() {
  const locale = useLocale();
  return (bytes: number) => {
    const [value, unit] =
      bytes >= 1_000_000
        ? [bytes / 1_000_000, 'megabyte']
        : bytes >= 1_000
          ? [bytes / 1_000, 'kilobyte']
          : [bytes, 'byte'];
    return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
  };
}

function DeleteDocument({ clientId, file }: { clientId: string; file: FileView }) {
  const t = useTranslations('client.documents');
  const describe = useErrorMessage();
  const remove = useDeleteDocument(clientId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" aria-label={t('delete', { name: file.originalName })} onPress={() => setOpen(true)}>
        {t('deleteShort')}
      </Button>
      <AlertDialog
        title={t('deleteTitle', { name: file.originalName })}
        isOpen={open}
        onOpenChange={setOpen}
        confirmLabel={t('deleteConfirm')}
        cancelLabel={t('keep')}
        tone="danger"
        isPending={remove.isPending}
        onConfirm={() =>
          remove.mutate(file.id, {
            onSuccess: () => {
              setOpen(false);
              toast.success(t('deleted', { name: file.originalName }));
            },
            onError: (error) => {
              setOpen(false);
              toast.error(describe(error));
            },
          })
        }
      >
        {t('deleteBody')}
      </AlertDialog>
    </>
  );
}

function UploadForm({ clientId }: { clientId: string }) {
  const t = useTranslations('client.documents');
  const describe = useErrorMessage();
  const upload = useUploadDocument(clientId);
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      noValidate
      className="mt-4 flex flex-col gap-3"
      aria-label={t('uploadTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!file) return setError(t('chooseFile'));
        setError(undefined);
        upload.mutate(
          { file },
          {
            onSuccess: (saved) => {
              setFile(null);
              setInputKey((key) => key + 1);
              toast.success(t('uploaded', { name: saved.originalName }));
            },
          },
        );
      }}
    >
      {upload.error && <Alert tone="error">{describe(upload.error)}</Alert>}
      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="font-semibold text-ink">
          {t('file')}
        </label>
        <input
          key={inputKey}
          id={inputId}
          type="file"
          accept={ACCEPT}
          aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          className="min-h-11 text-ink"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <span id={`${inputId}-hint`} className="text-ink-muted text-sm">
          {t('fileHint')}
        </span>
        {error && (
          <span id={`${inputId}-error`} className="text-danger-strong text-sm">
            {error}
          </span>
        )}
      </div>
      <div>
        <Button type="submit" isPending={upload.isPending}>
          {t('upload')}
        </Button>
      </div>
    </form>
  );
}

/** The client's documents: plain names, sizes, who uploaded them and when; upload, download, delete. */
export function ClientDocuments({ clientId, canEdit }: { clientId: string; canEdit: boolean }) {
  const t = useTranslations('client.documents');
  const format = useFormat();
  const size = useFileSize();
  const [page, setPage] = useState(1);
  const query = useClientDocuments(clientId, page);
  const columns: TableColumn<FileView>[] = [
    {
      id: 'name',
      label: t('name'),
      isRowHeader: true,
      render: (file) => (
        <Link
          href={`${config.apiUrl}/files/${file.id}`}
          className="inline-flex min-h-11 items-center"
          aria-label={t('download', { name: file.originalName })}
        >
          {file.originalName}
        </Link>
      ),
    },
    {
      id: 'kind',
      label: t('kind'),
      render: (file) =>
        t(`categories.${(KNOWN_CATEGORIES as readonly string[]).includes(file.category) ? file.category : 'other'}`),
    },
    { id: 'size', label: t('size'), align: 'end', render: (file) => size(file.sizeBytes) },
    {
      id: 'by',
      label: t('uploadedBy'),
      render: (file) => (file.uploader ? fullName(file.uploader) : t('someone')),
    },
    { id: 'when', label: t('uploadedAt'), render: (file) => format.dateTime(file.createdAt) },
    ...(canEdit
      ? [
          {
            id: 'actions',
            label: t('actions'),
            render: (file: FileView) => <DeleteDocument clientId={clientId} file={file} />,
          },
        ]
      : []),
  ];
  return (
    <Card title={t('title')} description={t('description')}>
      <QueryView query={query}>
        {(answer) => (
          <>
            {answer.data.length === 0 ? (
              <p className="text-ink-muted">{t('none')}</p>
            ) : (
              // A phone scrolls the table sideways rather than squeezing six columns into letters.
              <div className="overflow-x-auto">
                <DataTable label={t('title')} columns={columns} rows={answer.data} className="min-w-[44rem]" />
              </div>
            )}
            {answer.pagination.totalPages > 1 && (
              <Pager
                label={t('pages')}
                page={page}
                totalPages={answer.pagination.totalPages}
                onPage={setPage}
                words={{
                  previous: t('previous'),
                  next: t('next'),
                  pageOf: t('pageOf', { page, pages: answer.pagination.totalPages }),
                }}
              />
            )}
          </>
        )}
      </QueryView>
      {canEdit && <UploadForm clientId={clientId} />}
    </Card>
  );
}
