#!/usr/bin/perl
# Matches regexes against texts the way SpamAssassin does: Perl's own engine on byte strings (no utf8, no locale,
# no unicode_strings), each rule's pattern compiled as qr/(?flags)pattern/.
# Input (files named on the command line, one item per line, hex-encoded so any octet passes):
#   rules: NAME <tab> FLAGS <tab> HEX(PATTERN)
#   texts: HEX(TEXT)            every rule is tried on every text
#   pairs: NAME <tab> HEX(TEXT) one rule on one text
# Output: for each rule, "NAME <tab> comma-separated indexes of the texts it matches" (or ERROR), then a line "--",
# then one line per pair: 1, 0, or E (the rule did not compile).
use strict;
use warnings;
no warnings 'regexp';

my ($rules_file, $texts_file, $pairs_file) = @ARGV;
sub lines { my ($file) = @_; open(my $fh, '<', $file) or die "$file: $!"; my @l = <$fh>; close $fh; chomp @l; return @l; }

my @texts = map { pack('H*', $_) } lines($texts_file);
my %compiled;
for my $line (lines($rules_file)) {
  my ($name, $flags, $hex) = split /\t/, $line, 3;
  my $pattern = pack('H*', $hex // '');
  (my $inline = $flags // '') =~ s/[^imsx]//g;
  my $re = eval { $inline ne '' ? qr/(?$inline)$pattern/ : qr/$pattern/ };
  if (!$re) { print "$name\tERROR\n"; next; }
  $compiled{$name} = $re;
  my @hits = grep { $texts[$_] =~ $re } 0 .. $#texts;
  print "$name\t", join(',', @hits), "\n";
}
print "--\n";
for my $line (lines($pairs_file)) {
  my ($name, $hex) = split /\t/, $line, 2;
  my $re = $compiled{$name};
  print !$re ? "E\n" : (pack('H*', $hex // '') =~ $re ? "1\n" : "0\n");
}
